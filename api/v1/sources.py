"""Sources: the documents every fact is cited from."""

from http import HTTPStatus

from api.errors import Problem
from api.models import Revision, Source
from api.pages import LINK_HEADER, keyset_page
from api.spec import Blueprint
from schemas.sources import SourceListArgs, SourceListSchema, SourceSchema

blp = Blueprint("sources", __name__, url_prefix="/v1", description="Documents that support the facts.")


@blp.route("/sources")
@blp.arguments(SourceListArgs, location="query", as_kwargs=True)
@blp.response(200, SourceListSchema, headers=LINK_HEADER)
def list_sources(limit, cursor=None):
    """List sources by id; pages follow the `Link` header."""
    query = Source.select()
    page, headers = keyset_page(query, (Source.id,), descending=False, limit=limit, cursor=cursor, params={})
    return {"items": page, "total": query.count(), "dataset_revision": Revision.dataset_revision()}, headers


@blp.route("/sources/<string:source_id>")
@blp.response(200, SourceSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_source(source_id):
    """One source, with notes on its reliability."""
    source = Source.get_or_none(Source.id == source_id)
    if source is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No source {source_id!r}.", "not-found")
    return source
