"""Revision histories: who changed a record, when, why, and what it held after."""

from api.auth import authenticated, has_role
from api.curation import revisions
from api.curation.kinds import BY_FOLDER, FOLDER_ROUTE
from api.http.pagination import LINK_HEADER, list_page
from api.http.render import render
from api.spec import Blueprint
from schemas.revisions import RevisionListArgs, RevisionListSchema

blp = Blueprint("revisions", __name__, url_prefix="/v1", description="Who changed what, when and why.")


@blp.route(f"/<{FOLDER_ROUTE}>/<string:record_id>/revisions")
@blp.arguments(RevisionListArgs, location="query")
@blp.response(200, RevisionListSchema, headers=LINK_HEADER)
@blp.problems(401, 404, 410)
def list_revisions(args, kind, record_id):
    """A record's revisions, newest first; a retracted record's only with an admin token."""
    admin = has_role(authenticated(), "admin")
    entries = revisions.visible_history(BY_FOLDER[kind].name, record_id, admin=admin)
    params = {"lang": args["lang"]} if "lang" in args else {}
    page, headers = list_page(entries, lambda revision: revision.id, limit=args["limit"], cursor=args.get("cursor"),
                              params=params)  # fmt: skip
    return render(RevisionListSchema(), {"items": page, "total": len(entries)}, headers=headers)
