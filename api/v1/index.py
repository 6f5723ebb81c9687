"""GET /v1: links, dataset revision, and the date through which the data was reviewed."""

import datetime

from flask import url_for

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
        "reviewed_through": reviewed_through(),
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


def reviewed_through() -> datetime.date | None:
    """The earliest `reviewed_through` of the records still open: a system whose record ended and was checked to its
    last day is complete, and must not hold the whole dataset's date back (us-hsas: 2011)."""
    systems = System.select(System.reviewed_through, System.ended_date)
    return min((system.reviewed_through for system in systems
                if system.ended_date is None or system.reviewed_through < system.ended_date - datetime.timedelta(days=1)),
               default=None)  # fmt: skip
