"""GET /v1: links, dataset revision, and the date through which the data was reviewed."""

from flask import url_for
from peewee import fn

from api.models import Revision, System
from api.spec import Blueprint
from schemas.index import IndexSchema

blp = Blueprint("index", __name__, url_prefix="/v1", description="Where everything is.")


@blp.route("")
@blp.response(200, IndexSchema)
def get_index():
    """Index of the API, with the dataset revision that answers."""
    return {
        "name": "Threat Levels API",
        "version": "1",
        "dataset_revision": Revision.dataset_revision(),
        "reviewed_through": System.select(fn.MIN(System.reviewed_through)).scalar(),
        "links": {
            "systems": url_for("systems.list_systems"),
            "levels": url_for("levels.list_levels"),
            "changes": url_for("changes.list_changes"),
            "sources": url_for("sources.list_sources"),
            "openapi": "/openapi.json",
        },
    }
