"""Request bodies and headers of writes: JSON (or JSON merge patch) within the size limit, the reason, If-Match."""

import contextlib
import json
from http import HTTPStatus

from flask import current_app, request
from werkzeug.datastructures import ETags
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.http import parse_etags

from api.errors import Problem
from api.http.storable import MAX_DEPTH, body_problems
from api.models import System

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"
REASON_MAX = 2000


def json_body(accepted: tuple[str, ...] = (JSON,)) -> dict:
    """The body as a JSON object; 415 for another media type, 413 past MAX_CONTENT_LENGTH, 400 for broken JSON."""
    if request.mimetype not in accepted:
        raise Problem(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"Send the body as {' or '.join(accepted)} (got {request.mimetype or 'no Content-Type'}).",
            headers={"Accept-Patch": MERGE_PATCH} if MERGE_PATCH in accepted else {},
        )
    raw = request.get_data(cache=True)  # raises 413 past MAX_CONTENT_LENGTH, when the length is declared
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is None and len(raw) >= limit and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()  # a chunked body is cut at the limit (werkzeug's LimitedStream): it was longer
    try:
        body = json.loads(raw.decode("utf-8"), object_pairs_hook=unique_keys, parse_constant=no_constants)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Problem(HTTPStatus.BAD_REQUEST, f"The body is not valid UTF-8 JSON: {exc}", "malformed-body") from None
    except RecursionError:
        raise Problem(
            HTTPStatus.BAD_REQUEST, f"The body nests deeper than {MAX_DEPTH} levels.", "malformed-body"
        ) from None
    if not isinstance(body, dict):
        raise invalid([("/", "The body must be a JSON object.")])
    if problems := body_problems(body):
        raise invalid(problems, "The body holds what no database can store; see errors.")
    return body


def unique_keys(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"duplicate member(s) {', '.join(duplicates)}")
    return dict(pairs)


def no_constants(name: str):
    raise ValueError(f"{name} is not JSON")


def invalid(problems: list[tuple[str, str]], detail: str = "The request body is not valid; see errors.") -> Problem:
    """A 422 with one entry per field at fault, each with its JSON pointer into the body."""
    errors = [{"pointer": pointer, "detail": message} for pointer, message in problems]
    return Problem(HTTPStatus.UNPROCESSABLE_ENTITY, detail, "validation-failed", errors=errors)


def change_reason(body: dict | None = None) -> str | None:
    """Why: the `X-Change-Reason` header (UTF-8) or the body's `reason` member, which is taken out of the body."""
    header = request.headers.get("X-Change-Reason")
    if header is not None:
        with contextlib.suppress(UnicodeError):  # HTTP hands header bytes over as Latin-1; curl sends UTF-8
            header = header.encode("latin-1").decode("utf-8")
    field = body.pop("reason", None) if body is not None else None
    if field is not None and not isinstance(field, str):
        raise invalid([("/reason", "Not a valid string.")])
    if header and field and header.strip() != field.strip():
        raise invalid([("/reason", "Give the reason once: in the body or in X-Change-Reason, not two different ones.")])
    reason = (field or header or "").strip() or None
    if reason and len(reason) > REASON_MAX:
        raise invalid([("/reason", f"Longer than {REASON_MAX} characters.")])
    return reason


def if_match(header: str | None = None) -> ETags:
    """The If-Match ETags of a PATCH or DELETE (from the request, or as given); 428 without them, or with `*`, which
    would allow a lost update."""
    header = header if header is not None else request.headers.get("If-Match")
    etags = parse_etags(header)
    if not header or etags.star_tag:
        raise Problem(
            HTTPStatus.PRECONDITION_REQUIRED,
            "Send If-Match with the record's current ETag (from a GET of it), so that no one else's edit is lost.",
            "precondition-required",
        )
    return etags


def merge_patch(target, patch):
    """RFC 7396 JSON merge patch: members of the patch replace the target's, null removes one, arrays are replaced
    whole. The RFC gives the algorithm in ten lines of pseudocode; written out here rather than adding a dependency."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def system_or_404(system_id: str) -> System:
    """The system a request names, or the 404 problem every endpoint gives for one that does not exist."""
    system = System.get_or_none(System.id == system_id)
    if system is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No system {system_id!r}; see /v1/systems.", "not-found")
    return system
