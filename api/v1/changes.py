"""Changes: every change of an alert level, newest first, each with its triggers, justifications and sources."""

from http import HTTPStatus

from api.errors import Problem
from api.models import Change, Revision
from api.pages import LINK_HEADER, keyset_page
from api.spec import Blueprint
from schemas.changes import ChangeListArgs, ChangeListSchema, ChangeSchema

blp = Blueprint("changes", __name__, url_prefix="/v1", description="Changes of alert levels, with their sources.")


@blp.route("/changes")
@blp.arguments(ChangeListArgs, location="query", as_kwargs=True)
@blp.response(200, ChangeListSchema, headers=LINK_HEADER)
def list_changes(limit, cursor=None, **filters):
    """List alert-level changes, newest first; pages follow the `Link` header."""
    query = Change.matching(**filters)
    keys = (Change.effective_date, Change.id)
    page, headers = keyset_page(query, keys, descending=True, limit=limit, cursor=cursor, params=filters)
    return {"items": page, "total": query.count(), "dataset_revision": Revision.dataset_revision()}, headers


@blp.route("/changes/<string:change_id>")
@blp.response(200, ChangeSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_change(change_id):
    """One change, with its triggers, justifications, measures and sources."""
    change = Change.with_levels().where(Change.id == change_id).first()
    if change is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No change {change_id!r}.", "not-found")
    return change
