"""Batches: several curation writes in one transaction, for corrections that must change records together (a change
inserted into a history, and the next change made to start from it)."""

import re
from http import HTTPStatus

from flask import g

from api.auth import has_role, require, write_body
from api.curation import edits, revisions
from api.curation.kinds import BY_FOLDER, EDITABLE, KINDS, PARTS
from api.errors import Problem
from api.http.render import render
from api.inputs import if_match, invalid
from api.spec import Blueprint
from schemas.batch import BatchInput, BatchSchema

blp = Blueprint("batch", __name__, url_prefix="/v1", description="Several writes at once, all or none.")
COLLECTION = re.compile(r"^/v1/({})$".format("|".join(kind.folder for kind in EDITABLE)))
PARTS_OF = re.compile(r"^/v1/changes/([^/]+)/({})$".format("|".join(kind.folder for kind in PARTS)))
RECORD = re.compile(r"^/v1/({})/([^/]+)$".format("|".join(kind.folder for kind in [*EDITABLE, *PARTS])))


@blp.route("/batch", methods=["POST"])
@blp.writes(BatchInput, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, BatchSchema)
@require("editor")
def apply_batch():
    """Apply several writes in order, all or none (editor; retractions: admin); continuity is checked at the end."""
    body, signature = write_body()
    operations = edits.load("batch", body, BatchInput)["operations"]
    with edits.together():
        done = [run(index, operation, signature) for index, operation in enumerate(operations)]
    return render(BatchSchema(), {"results": [result(*item) for item in done]})


def run(index: int, operation: dict, signature: edits.Signature) -> tuple:
    try:
        return (operation, *dispatch(operation, signature))
    except Problem as problem:
        raise within(problem, index, operation) from None


def dispatch(operation: dict, signature: edits.Signature) -> tuple[int, str, str]:
    """(status, kind, id) of one write, made as its own request would make it."""
    method, path, body = operation["method"], operation["path"], dict(operation.get("body") or {})
    if method == "POST" and (match := COLLECTION.match(path)):
        return (
            HTTPStatus.CREATED,
            BY_FOLDER[match[1]].name,
            edits.create(BY_FOLDER[match[1]].name, body, signature).record_id,
        )
    if method == "POST" and (match := PARTS_OF.match(path)):
        edits.create_part(BY_FOLDER[match[2]].name, match[1], body, signature)
        return HTTPStatus.CREATED, BY_FOLDER[match[2]].name, body["id"]
    if method in ("PATCH", "DELETE") and (match := RECORD.match(path)):
        kind, record_id, etags = BY_FOLDER[match[1]].name, match[2], if_match(operation.get("if_match", ""))
        if method == "PATCH":
            (edits.update_part if KINDS[kind].is_part else edits.update)(kind, record_id, body, etags, signature)
            return HTTPStatus.OK, kind, record_id
        if not has_role(g.token, "admin"):
            raise Problem(HTTPStatus.FORBIDDEN, f"The token {g.token.name!r} may not retract; that needs 'admin'.",
                          "forbidden")  # fmt: skip
        if not signature.reason:
            raise invalid([("/reason", "A retraction says why: give the batch a reason.")])
        (edits.retract_part if KINDS[kind].is_part else edits.retract)(kind, record_id, etags, signature)
        return HTTPStatus.NO_CONTENT, kind, record_id
    raise invalid([("/path", f"A batch makes the writes of this API: POST, PATCH or DELETE; not {method} {path}.")])


def within(problem: Problem, index: int, operation: dict) -> Problem:
    """The problem of one operation, said of the batch: which operation, and pointers into the batch's body."""
    problem.detail = f"Operation {index} ({operation['method']} {operation['path']}): {problem.detail}"
    for error in problem.members.get("errors", []):
        pointer = error.get("pointer")
        if pointer is not None and pointer != "/reason" and "record" not in error:
            error["pointer"] = f"/operations/{index}" + (
                pointer if pointer == "/path" else "/body" + pointer.rstrip("/")
            )
    return problem


def result(operation: dict, status: int, kind: str, record_id: str) -> dict:
    gone = status == HTTPStatus.NO_CONTENT
    return {"method": operation["method"], "path": operation["path"], "status": status,
            "location": None if gone else KINDS[kind].url(record_id),
            "etag": None if gone else revisions.record_etag(kind, record_id)}  # fmt: skip
