"""The dataset-wide changelog: GET /v1/revisions, keyset-paged (its Atom feed is in api/embed/feeds.py)."""

from api.auth import authenticated, has_role
from api.curation import changelog
from api.http.pagination import LINK_HEADER, Keyset
from api.http.render import render
from api.models import Revision
from api.spec import Blueprint
from schemas.changelog import ChangelogArgs, ChangelogSchema

blp = Blueprint("changelog", __name__, url_prefix="/v1", description="Every revision of the dataset, newest first.")


@blp.route("/revisions")
@blp.arguments(ChangelogArgs, location="query")
@blp.response(200, ChangelogSchema, headers=LINK_HEADER)
@blp.problems(401)
def list_changelog(args):
    """Every revision of the dataset, newest first, each with the change it made as a JSON Patch."""
    walk = Keyset(changelog.matching(args, admin=has_role(authenticated(), "admin")), (Revision.id,), descending=True)
    rows, headers = walk.page(limit=args["limit"], cursor=args.get("cursor"))
    data = {"items": changelog.entries(rows)}
    if args.get("cursor") is None:
        data["total"] = walk.count()
    return render(ChangelogSchema(), data, headers=headers)
