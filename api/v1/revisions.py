"""Revision histories: who changed a record, when, why, and what it held after."""

from api import versions
from api.auth import authenticated, has_role
from api.http import render
from api.pages import LINK_HEADER, list_page
from api.spec import Blueprint
from schemas.revisions import RevisionListArgs, RevisionListSchema

blp = Blueprint("revisions", __name__, url_prefix="/v1", description="Who changed what, when and why.")
KIND_OF = {folder: kind for kind, folder in versions.FOLDERS.items()}


@blp.route("/<any(changes,events,sources,systems,justifications,measures):kind>/<string:record_id>/revisions")
@blp.arguments(RevisionListArgs, location="query")
@blp.response(200, RevisionListSchema, headers=LINK_HEADER)
@blp.problems(401, 404, 410)
def list_revisions(args, kind, record_id):
    """A record's revisions, newest first; a retracted record's only with an admin token."""
    admin = has_role(authenticated(), "admin")
    revisions = versions.visible_history(KIND_OF[kind], record_id, admin=admin)
    params = {"lang": args["lang"]} if "lang" in args else {}
    page, headers = list_page(revisions, lambda revision: revision.id, limit=args["limit"], cursor=args.get("cursor"),
                              params=params)  # fmt: skip
    return render(RevisionListSchema(), {"items": page, "total": len(revisions)}, headers=headers)
