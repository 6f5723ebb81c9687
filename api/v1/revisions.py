"""Revision histories: who changed a record, when, why, and what it held after."""

from api import versions
from api.auth import authenticated, has_role
from api.models import Revision
from api.pages import LINK_HEADER, list_page
from api.spec import Blueprint
from schemas.revisions import RevisionListArgs, RevisionListSchema

blp = Blueprint("revisions", __name__, url_prefix="/v1", description="Who changed what, when and why.")
KIND_OF = {folder: kind for kind, folder in versions.FOLDERS.items()}


@blp.route("/<any(changes,events,sources,systems,justifications,measures):kind>/<string:record_id>/revisions")
@blp.arguments(RevisionListArgs, location="query", as_kwargs=True)
@blp.response(200, RevisionListSchema, headers=LINK_HEADER)
@blp.problems(401, 404, 410)
def list_revisions(kind, record_id, limit, cursor=None):
    """A record's revisions, newest first; a retracted record's only with an admin token."""
    admin = has_role(authenticated(), "admin")
    revisions = versions.visible_history(KIND_OF[kind], record_id, admin=admin)
    page, headers = list_page(revisions, lambda revision: revision.id, limit=limit, cursor=cursor, params={})
    return {"items": page, "total": len(revisions), "dataset_revision": Revision.dataset_revision()}, headers
