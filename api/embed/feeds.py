"""Atom feeds (RFC 4287) of changes, for all systems and per system: stable entry ids; `published` when a change took
effect and `updated` when its record last changed (api/embed/corrections.py); corrections said in the entry, and
retractions as RFC 6721 tombstones; titles and labels in the feed's language. And of the dataset's changelog
(every revision, with its JSON Patch)."""

import datetime
import json
from xml.etree import ElementTree

from flask import Response, render_template
from markupsafe import escape

from api.auth import authenticated, has_role
from api.curation import changelog
from api.embed.corrections import Correction, corrections, said, tombstones, took_effect
from api.embed.labels import colon, label, pick
from api.http.conditional import dataset_state
from api.http.public import base, public_request_url, public_url
from api.inputs import system_or_404
from api.models import Change, Revision, System
from api.serving.security import xml_text
from api.spec import Blueprint
from schemas.changelog import ChangelogFeedArgs
from schemas.embed import FeedArgs

blp = Blueprint("feeds", __name__, url_prefix="/v1", description="Atom feeds of changes and of revisions.")

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:threat-levels-api,2026:"  # the scheme of our problem types: ids that never depend on a host name
MEDIA_TYPE = "application/atom+xml"
FEED_DOC = {"type": "string"}
CHANGELOG_FEED_SIZE = 50
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"  # RFC 6721
ElementTree.register_namespace("", ATOM)
ElementTree.register_namespace("at", TOMBSTONES)

# Written with the standard library's ElementTree rather than feedgen: feedgen 1.0.0 drops the rel, type and hreflang
# of entry links (a shadowed loop variable in FeedEntry.atom_entry), so an entry could not link to both its page and
# its JSON without two bare alternate links, which RFC 4287 forbids. ElementTree escapes text and attributes.


def rfc3339(moment: datetime.datetime) -> str:
    """A time as RFC 3339: with its own offset when it has one, else (UTC, naive, from the database) with `Z`."""
    if moment.tzinfo is not None:
        return moment.replace(microsecond=0).isoformat()
    return moment.replace(microsecond=0).isoformat() + "Z"


def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def entry_title(change: Change, lang: str) -> str:
    system, to_level = pick(change.system, "name", lang).text, pick(change.to_level, "name", lang).text
    levels = f"{pick(change.from_level, 'name', lang).text} → {to_level}" if change.from_level else to_level
    areas = f" ({', '.join(change.areas)})" if change.scope_type == "regional" else ""
    return f"{system}{colon(lang)} {levels}{areas}, {change.effective_date.isoformat()}"


def add_entry(feed, change: Change, correction: Correction | None, lang: str) -> datetime.datetime:
    """An entry: `published` when the change took effect, `updated` when its record was last corrected (else the
    same); a correction says what changed and why, first in its content. Returns its `updated`."""
    published = took_effect(change)
    updated = correction.at.replace(tzinfo=datetime.UTC) if correction else published
    entry = add(feed, "entry")
    add(entry, "id", f"{TAG}changes/{change.id}")
    add(entry, "title", entry_title(change, lang), type="text")
    add(entry, "published", rfc3339(published))
    add(entry, "updated", rfc3339(updated))
    page = public_url("change_pages.show_change", change_id=change.id, lang=lang)
    add(entry, "link", rel="alternate", type="text/html", hreflang=lang, href=page)
    add(entry, "link", rel="alternate", type="application/json", href=public_url("changes.get_change", change_id=change.id))  # fmt: skip
    add(entry, "category", term=change.direction, scheme=f"{TAG}directions",
        label=label(lang, f"direction_{change.direction}"))  # fmt: skip
    summary = pick(change, "summary", lang)
    if summary.text:
        add(entry, "summary", summary.text, type="text")
    content = render_template("embed/entry.html", change=change, summary=summary, lang=lang)
    if correction:
        content = f'<p class="correction">{escape(said(correction, lang))}</p>\n{content}'
    add(entry, "content", content, type="html")
    return updated


def add_tombstone(feed, change_id: str, when: datetime.datetime, reason: str | None, lang: str) -> None:
    """A retracted change (RFC 6721): its entry id, when, and the curator's reason."""
    element = ElementTree.SubElement(feed, f"{{{TOMBSTONES}}}deleted-entry",
                                     {"ref": f"{TAG}changes/{change_id}", "when": rfc3339(when)})  # fmt: skip
    text = label(lang, "retracted", date=when.date().isoformat())
    comment = ElementTree.SubElement(element, f"{{{TOMBSTONES}}}comment")
    comment.text = xml_text(text + (" " + label(lang, "correction_reason", reason=reason) if reason else ""))


def atom_feed(feed_id: str, title: str, changes: list[Change], lang: str, system_id: str | None = None) -> Response:
    """The feed document: newest first, then the tombstones of retracted changes; `updated` the latest of them."""
    fixes = corrections([change.id for change in changes])
    gone = tombstones(system_id)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    add(feed, "id", feed_id)
    add(feed, "title", title, type="text")
    updated = add(feed, "updated")
    add(feed, "link", rel="self", type=MEDIA_TYPE, href=public_request_url())
    add(add(feed, "author"), "name", "Threat Levels API")
    add(feed, "generator", "Threat Levels API")
    add(feed, "rights", label(lang, "rights"), type="text")
    times = [add_entry(feed, change, fixes.get(change.id), lang) for change in changes]
    for tombstone in gone:
        add_tombstone(feed, tombstone.change_id, tombstone.at.replace(tzinfo=datetime.UTC), tombstone.reason, lang)
        times.append(tombstone.at.replace(tzinfo=datetime.UTC))
    latest = max(times, default=None) or (dataset_state()[1] or datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    updated.text = rfc3339(latest.astimezone(datetime.UTC).replace(tzinfo=None))
    body = ElementTree.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype=MEDIA_TYPE)


@blp.route("/changes.atom")
@blp.arguments(FeedArgs, location="query", as_kwargs=True)
@blp.response(200, FEED_DOC, content_type=MEDIA_TYPE, description="An Atom feed (RFC 4287), newest first.")
def list_changes_feed(lang):
    """The latest 50 changes of every system, then the changes retracted, as an Atom feed."""
    return atom_feed(f"{TAG}changes", label(lang, "all_feed_title"), list(Change.newest()), lang)


@blp.route("/systems/<string:system_id>/changes.atom")
@blp.arguments(FeedArgs, location="query", as_kwargs=True)
@blp.response(200, FEED_DOC, content_type=MEDIA_TYPE, description="An Atom feed (RFC 4287), newest first.")
@blp.alt_response(404, response="NOT_FOUND")
def list_system_changes_feed(system_id, lang):
    """The latest 50 changes of one system, then its changes retracted, as an Atom feed."""
    system: System = system_or_404(system_id)
    title = label(lang, "feed_title", system=pick(system, "name", lang).text)
    return atom_feed(f"{TAG}systems/{system.id}/changes", title, list(Change.newest(system.id)), lang, system.id)


@blp.route("/revisions.atom")
@blp.arguments(ChangelogFeedArgs, location="query")
@blp.response(200, FEED_DOC, content_type=MEDIA_TYPE, description="An Atom feed (RFC 4287), newest first.")
@blp.problems(401)
def list_changelog_feed(args):
    """The latest 50 revisions of the dataset (matching the filters), as an Atom feed."""
    rows = changelog.entries(
        list(
            changelog.matching(args, admin=has_role(authenticated(), "admin"))
            .order_by(Revision.id.desc())
            .limit(CHANGELOG_FEED_SIZE)
        )
    )
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    add(feed, "id", f"{TAG}revisions")
    add(feed, "title", "Threat Levels API: revisions of the dataset", type="text")
    written = rows[0].created_at if rows else dataset_state()[1]
    add(feed, "updated", rfc3339(written) if written else "1970-01-01T00:00:00Z")
    add(feed, "link", rel="self", type=MEDIA_TYPE, href=public_request_url())
    add(add(feed, "author"), "name", "Threat Levels API")
    add(feed, "rights", "Data: CC BY 4.0", type="text")
    for row in rows:
        entry = add(feed, "entry")
        add(entry, "id", f"{TAG}revisions/{row.id}")
        add(entry, "title", f"Revision {row.id}: {row.action} {row.record_kind} {row.record_id}", type="text")
        add(entry, "updated", rfc3339(row.created_at))
        add(add(entry, "author"), "name", row.author)
        add(entry, "link", rel="alternate", type="application/json", href=base() + row.record_url)
        add(
            entry,
            "link",
            rel="version-history",
            type="application/json",
            href=base() + row.history_url,
        )
        add(entry, "category", term=row.action, scheme=f"{TAG}actions")
        if row.reason:
            add(entry, "summary", row.reason, type="text")
        add(entry, "content", json.dumps(row.patch, ensure_ascii=False, sort_keys=True), type="text")
    body = ElementTree.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype=MEDIA_TYPE)
