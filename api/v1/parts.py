"""Justifications and measures on their own: read, corrected or retracted by id; versioned with their change.

Both kinds have the same three operations; `part_routes` makes them for one kind, so that each stays a documented
operation of its own (flask-smorest documents one view function per route and method)."""

from api import curation
from api.auth import require
from api.http import render
from api.inputs import if_match
from api.spec import Blueprint
from api.v1.shared import RECORD_HEADERS, no_content, retraction, shown, write_body, written
from schemas.base import QueryArgs
from schemas.changes import JustificationInput, JustificationReadSchema, MeasureInput, MeasureReadSchema

blp = Blueprint("parts", __name__, url_prefix="/v1", description="Justifications and measures of changes.")
WRITE_ERRORS = (400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428)
RETRACT_ERRORS = (401, 403, 404, 409, 410, 412, 422, 428)


def named(name: str, doc: str):
    """Give a view the name its endpoint takes and the docstring its operation shows, before it is routed."""

    def rename(view):
        view.__name__, view.__qualname__, view.__doc__ = name, name, doc
        return view

    return rename


def part_routes(kind: str, folder: str, read_schema, input_schema, correction: str) -> None:
    """GET, PATCH and DELETE on /v1/{folder}/{kind}_id for one kind of part of a change."""
    path = f"/{folder}/<string:{kind}_id>"

    @blp.route(path)
    @blp.arguments(QueryArgs, location="query")
    @blp.response(200, read_schema, headers=RECORD_HEADERS)
    @blp.problems(404, 410)
    @named(f"get_{kind}", f"One {kind}, with its change; its ETag is its change's version.")
    def get_part(args, **ids):
        part, _, headers = shown(kind, ids[f"{kind}_id"])
        return render(read_schema(), part, headers=headers)

    @blp.route(path, methods=["PATCH"])
    @blp.writes(input_schema, patch=True, statuses=WRITE_ERRORS)
    @blp.response(200, read_schema, headers=RECORD_HEADERS)
    @require("editor")
    @named(f"update_{kind}", f"Correct {correction} (editor) with a JSON merge patch; needs If-Match.")
    def update_part(**ids):
        etags = if_match()
        body, signature = write_body(patch=True)
        curation.update_part(kind, ids[f"{kind}_id"], body, etags, signature)
        return written(kind, ids[f"{kind}_id"])

    @blp.route(path, methods=["DELETE"])
    @blp.writes(statuses=RETRACT_ERRORS)
    @blp.response(204)
    @require("admin")
    @named(f"retract_{kind}", f"Retract {correction} (admin); needs If-Match and X-Change-Reason.")
    def retract_part(**ids):
        etags, signature = retraction()
        curation.retract_part(kind, ids[f"{kind}_id"], etags, signature)
        return no_content()


part_routes("justification", "justifications", JustificationReadSchema, JustificationInput, "a justification")
part_routes("measure", "measures", MeasureReadSchema, MeasureInput, "a measure")
