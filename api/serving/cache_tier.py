"""The HTTP cache tier in front of the instances (Varnish, deploy/varnish/): surrogate keys on answers, and the purge
of exactly the keys a committed write touched, on every node of CACHE_PURGE_URLS.

An answer's `Surrogate-Key` header names what it shows, so that a write can drop exactly the answers it made wrong:

- `change/<id>`, `event/<id>`, `source/<id>`, `system/<id>`: a record, and every record its representation embeds
  (a change shows its system's levels, its triggers and its sources; an event its sources);
- `history/<system>`: what a system's history of changes decides (the current level, the level at an instant, the
  timeline, the embeds, badges and charts, the system's feed), tagged on every answer about one system;
- `list/<kind>`: the lists of a kind (their items embed the kinds they show, see LISTS_SHOWING);
- `dataset`: everything else (the index, the dataset and its dumps, revisions, the feeds, levels, oEmbed, pages):
  dropped by every write.

A write's keys come from the revisions it committed (api/models Revision: kind, id and content), read after the
commit; they are sent in one `PURGE` request per node with an `xkey-purge` header (varnish-modules' xkey), from a
thread: the write never waits for the tier nor fails with it. A node that does not answer is tried again
(PURGE_RETRY_DELAYS) and logged; if a purge is lost anyway, the tier's TTL (the answer's max-age, 60 s, capped in the
VCL) bounds how long it serves the stale answer. Each purge is sent again a second later, for a fetch by the tier
that was under way when the write committed.

A fetch by the tier must not get an answer that an instance kept before the write: the tier asks with
`Cache-Control: no-cache`, and the response cache then looks at the dataset revision at once (api/serving/cache.py)
instead of trusting its last look for up to CACHE_REVISION_TTL. One revision, one ETag: the tier keeps the bytes and
the ETag the app made, and answers 304s from them.
"""

import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable

from flask import Flask, Response, g, request, request_finished

from api.curation import revisions
from api.curation.kinds import KINDS
from api.models import Revision

HEADER = "Surrogate-Key"
PURGE_HEADER = "xkey-purge"
PURGE_TIMEOUT = 2.0  # seconds a node has to answer one purge
PURGE_RETRY_DELAYS = (0.0, 0.5, 2.0)  # a purge is tried at these delays, then given up (and logged)
PURGE_AGAIN_AFTER = 1.0  # seconds: each purge is sent twice (see purge_twice)
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
DATASET = "dataset"
# The lists whose items embed a record of each kind (a change's items show its system's levels, its triggers and its
# sources; an event's its sources): a write to a record of that kind drops them.
LISTS_SHOWING = {
    "change": ("changes", "systems"),
    "system": ("systems", "changes"),
    "event": ("events", "changes"),
    "source": ("sources", "events", "changes"),
}
LIST_ENDPOINTS = {
    "changes.list_changes": "changes",
    "events.list_events": "events",
    "sources.list_sources": "sources",
    "systems.list_systems": "systems",
}
RECORD_ARGS = {"change_id": "change", "event_id": "event", "source_id": "source"}
PART_ARGS = {"justification_id": "justification", "measure_id": "measure"}

log = logging.getLogger("api.cache_tier")


def init_app(app: Flask) -> None:
    app.after_request(tag_answer)
    if purge_urls(app):
        app.before_request(note_revision_before_write)
        request_finished.connect(purge_after_write, app, weak=False)


def purge_urls(app: Flask) -> list[str]:
    return [url.strip().rstrip("/") for url in app.config["CACHE_PURGE_URLS"].split(",") if url.strip()]


# Answers: what each one shows.


def tag_answer(response: Response) -> Response:
    """Every GET answer names what it shows (kept answers keep the header: computed once per revision)."""
    if request.method in ("GET", "HEAD") and request.url_rule is not None and HEADER not in response.headers:
        # A refused request (400: its arguments may be what no database can read, api/http/storable.py) or a failure
        # (5xx: reading the records again may fail again) shows no record.
        keys = (
            [DATASET]
            if response.status_code == 400 or response.status_code >= 500
            else answer_keys(request.url_rule.endpoint, request.view_args or {})
        )
        response.headers[HEADER] = " ".join(keys)
    return response


def answer_keys(endpoint: str, view_args: dict) -> list[str]:
    """The surrogate keys of the answer of `endpoint` with these arguments."""
    if endpoint in LIST_ENDPOINTS:
        return [f"list/{LIST_ENDPOINTS[endpoint]}"]
    if endpoint == "revisions.list_revisions":
        return [DATASET]  # a record's history includes retracted content: dropped by every write
    if "system_id" in view_args:
        system = view_args["system_id"]
        return [f"system/{system}", f"history/{system}"]
    for name, kind in RECORD_ARGS.items():
        if name in view_args:
            return record_keys(kind, view_args[name])
    for name, kind in PART_ARGS.items():
        if name in view_args:
            row = KINDS[kind].fetch(view_args[name])
            return record_keys("change", row.change_id) if row is not None else [DATASET]
    return [DATASET]


def record_keys(kind: str, record_id: str) -> list[str]:
    """A record's key and the keys of every record its representation embeds."""
    keys = [f"{embedded_kind}/{embedded_id}" for embedded_kind, embedded_id in revisions.embedded_keys(kind, record_id)]
    return list(dict.fromkeys(keys))


# Writes: what each one touched.


def written_keys(written: Iterable[Revision]) -> list[str]:
    """The keys of the answers that the revisions `written` made wrong, in a stable order."""
    keys = {DATASET}
    for revision in written:
        kind = revision.record_kind
        keys.add(f"{kind}/{revision.record_id}")
        keys.update(f"list/{name}" for name in LISTS_SHOWING.get(kind, ()))
        if kind == "system":
            keys.add(f"history/{revision.record_id}")
        elif kind == "change":
            keys.update(f"history/{system}" for system in systems_of_change(revision))
    return sorted(keys)


def systems_of_change(revision: Revision) -> set[str]:
    """The system a change belongs to, from its content, or from the revision before a retraction."""
    if revision.content is not None:
        return {revision.content["system"]}
    before = (
        Revision.select()
        .where((Revision.record_kind == "change") & (Revision.record_id == revision.record_id)
               & (Revision.id < revision.id) & Revision.content.is_null(False))
        .order_by(Revision.id.desc())
        .first()
    )  # fmt: skip
    return {before.content["system"]} if before is not None else set()


def revisions_since(revision_id: int) -> list[Revision]:
    """The revisions written after `revision_id` (a concurrent writer's too: purging its keys as well costs nothing)."""
    return list(Revision.select().where(Revision.id > revision_id).order_by(Revision.id))


def note_revision_before_write() -> None:
    if request.method in UNSAFE_METHODS:
        g.revision_before_write = Revision.latest_state()[0]


def purge_after_write(app: Flask, response: Response, **_) -> None:
    """After a committed write (the answer is made after the commit), purge what it touched, from a thread."""
    if request.method not in UNSAFE_METHODS or response.status_code >= 400 or "revision_before_write" not in g:
        return
    written = revisions_since(g.revision_before_write)
    if written:
        purge_in_background(purge_urls(app), written_keys(written))


def purge_committed_since(app: Flask, revision_id: int) -> threading.Thread | None:
    """For writes outside a request (`flask seeds load`): purge what was written after `revision_id`."""
    urls = purge_urls(app)
    written = revisions_since(revision_id) if urls else []
    return purge_in_background(urls, written_keys(written)) if written else None


def purge_in_background(urls: list[str], keys: list[str]) -> threading.Thread:
    thread = threading.Thread(target=purge_twice, args=(urls, keys), name="cache-tier-purge", daemon=True)
    thread.start()
    return thread


def purge_twice(urls: list[str], keys: list[str]) -> None:
    """Purge now, and once more PURGE_AGAIN_AFTER later: a fetch by the tier that started before the commit and ended
    after the first purge would otherwise keep the old answer for a whole TTL."""
    purged = purge_everywhere(urls, keys)
    time.sleep(PURGE_AGAIN_AFTER)
    purge_everywhere([url for url, done in purged.items() if done], keys)


def purge_everywhere(urls: list[str], keys: list[str]) -> dict[str, bool]:
    """Purge `keys` on every node, each tried again when it does not answer; which nodes purged."""
    results = {}
    threads = [threading.Thread(target=lambda url=url: results.update({url: purge_node(url, keys)})) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def purge_node(url: str, keys: list[str]) -> bool:
    """One node: True once it answered 2xx; False (and logged) after the last try."""
    problem = None
    for attempt, delay in enumerate(PURGE_RETRY_DELAYS, 1):
        time.sleep(delay)
        purge = urllib.request.Request(f"{url}/", method="PURGE", headers={PURGE_HEADER: " ".join(keys)})
        try:
            with urllib.request.urlopen(purge, timeout=PURGE_TIMEOUT) as answer:
                log.info("cache tier purged", extra={"node": url, "keys": keys, "attempt": attempt,
                                                     "status": answer.status})  # fmt: skip
                return True
        except (urllib.error.URLError, OSError) as exc:
            problem = str(getattr(exc, "reason", exc))
            log.warning("cache tier node did not purge", extra={"node": url, "keys": keys, "attempt": attempt,
                                                                "problem": problem})  # fmt: skip
    log.error("cache tier purge lost: the node serves these answers until their TTL ends",
              extra={"node": url, "keys": keys, "problem": problem})  # fmt: skip
    return False
