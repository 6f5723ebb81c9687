"""The dataset-wide changelog: GET /v1/revisions (keyset-paged JSON) and /v1/revisions.atom (an Atom feed)."""

import json
from xml.etree import ElementTree

from flask import Response, request

from api.auth import authenticated, has_role
from api.curation import changelog
from api.embed.feeds import ATOM, FEED_DOC, MEDIA_TYPE, TAG, add, rfc3339
from api.http.conditional import dataset_state
from api.http.pagination import LINK_HEADER, Keyset
from api.http.render import render
from api.models import Revision
from api.spec import Blueprint
from schemas.changelog import ChangelogArgs, ChangelogFeedArgs, ChangelogSchema

blp = Blueprint("changelog", __name__, url_prefix="/v1", description="Every revision of the dataset, newest first.")
FEED_SIZE = 50


def matching(args: dict):
    """The revisions the caller may see that match the filters: admins see all; others not those of a record at or
    before its latest retraction (as in a record's own history)."""
    return Revision.changelog(
        public=not has_role(authenticated(), "admin"), kind=args.get("kind"), record_id=args.get("record"),
        author=args.get("author"), since=args.get("date_from"), until=args.get("date_to"),
    )  # fmt: skip


@blp.route("/revisions")
@blp.arguments(ChangelogArgs, location="query")
@blp.response(200, ChangelogSchema, headers=LINK_HEADER)
@blp.problems(401)
def list_changelog(args):
    """Every revision of the dataset, newest first, each with the change it made as a JSON Patch."""
    walk = Keyset(matching(args), (Revision.id,), descending=True)
    rows, headers = walk.page(limit=args["limit"], cursor=args.get("cursor"))
    data = {"items": changelog.entries(rows)}
    if args.get("cursor") is None:
        data["total"] = walk.count()
    return render(ChangelogSchema(), data, headers=headers)


@blp.route("/revisions.atom")
@blp.arguments(ChangelogFeedArgs, location="query")
@blp.response(200, FEED_DOC, content_type=MEDIA_TYPE, description="An Atom feed (RFC 4287), newest first.")
@blp.problems(401)
def list_changelog_feed(args):
    """The latest 50 revisions of the dataset (matching the filters), as an Atom feed."""
    rows = changelog.entries(list(matching(args).order_by(Revision.id.desc()).limit(FEED_SIZE)))
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    add(feed, "id", f"{TAG}revisions")
    add(feed, "title", "Threat Levels API: revisions of the dataset", type="text")
    written = rows[0].created_at if rows else dataset_state()[1]
    add(feed, "updated", rfc3339(written) if written else "1970-01-01T00:00:00Z")
    add(feed, "link", rel="self", type=MEDIA_TYPE, href=request.url)
    add(add(feed, "author"), "name", "Threat Levels API")
    add(feed, "rights", "Data: CC BY 4.0", type="text")
    for row in rows:
        entry = add(feed, "entry")
        add(entry, "id", f"{TAG}revisions/{row.id}")
        add(entry, "title", f"Revision {row.id}: {row.action} {row.record_kind} {row.record_id}", type="text")
        add(entry, "updated", rfc3339(row.created_at))
        add(add(entry, "author"), "name", row.author)
        add(entry, "link", rel="alternate", type="application/json", href=request.url_root.rstrip("/") + row.record_url)
        add(
            entry,
            "link",
            rel="version-history",
            type="application/json",
            href=request.url_root.rstrip("/") + row.history_url,
        )
        add(entry, "category", term=row.action, scheme=f"{TAG}actions")
        if row.reason:
            add(entry, "summary", row.reason, type="text")
        add(entry, "content", json.dumps(row.patch, ensure_ascii=False, sort_keys=True), type="text")
    body = ElementTree.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, mimetype=MEDIA_TYPE)
