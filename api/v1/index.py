"""GET /v1: links, dataset revision, and the date through which the data was reviewed."""

from flask import url_for
from peewee import fn

from api.http.render import render
from api.models import System
from api.spec import Blueprint
from schemas.base import QueryArgs
from schemas.index import IndexSchema

blp = Blueprint("index", __name__, url_prefix="/v1", description="Where everything is.")


@blp.route("")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, IndexSchema)
def get_index(args):
    """Index of the API, with the dataset revision that answers."""
    return render(IndexSchema(), {
        "name": "Threat Levels API",
        "version": "1",
        "reviewed_through": System.select(fn.MIN(System.reviewed_through)).scalar(),
        "links": {
            "systems": url_for("systems.list_systems"),
            "levels": url_for("levels.list_levels"),
            "changes": url_for("changes.list_changes"),
            "events": url_for("events.list_events"),
            "sources": url_for("sources.list_sources"),
            "dataset": url_for("dataset.get_dataset"),
            "openapi": "/openapi.json",
            "docs": url_for("docs.show_docs"),
        },
    })  # fmt: skip
