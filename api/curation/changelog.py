"""The dataset-wide changelog: revisions as entries, each with the change it made to its record as a JSON Patch
(RFC 6902), made with the `jsonpatch` package."""

import jsonpatch

from api.curation.kinds import KINDS
from api.models import Revision


def matching(args: dict, *, admin: bool):
    """The revisions the caller may see that match the filters of a changelog request: admins see all; others not
    those of a record at or before its latest retraction (as in a record's own history)."""
    return Revision.changelog(
        public=not admin, kind=args.get("kind"), record_id=args.get("record"), author=args.get("author"),
        since=args.get("date_from"), until=args.get("date_to"),
    )  # fmt: skip


def patch(before: dict | None, after: dict | None) -> list[dict]:
    """The operations that turn `before` into `after`: applied to the previous revision's content, they give this
    one's. A record that appears is added at the root; one retracted has its root replaced by null."""
    if before is None:
        return [] if after is None else [{"op": "add", "path": "", "value": after}]
    if after is None:
        return [{"op": "replace", "path": "", "value": None}]
    return jsonpatch.make_patch(before, after).patch


def entries(rows: list[Revision]) -> list[Revision]:
    """The page's revisions with `patch`, `record_url` and `history_url`: one more query for the contents before."""
    previous = Revision.contents([row.previous_id for row in rows if row.previous_id is not None])
    for row in rows:
        row.patch = patch(previous.get(row.previous_id), row.content)
        row.record_url = KINDS[row.record_kind].url(row.record_id)
        row.history_url = f"{row.record_url}/revisions"
    return rows
