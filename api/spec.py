"""flask-smorest, adapted: query errors are 400 problems, and every error is documented as problem+json."""

import http

import flask_smorest
from apispec import BasePlugin
from flask_smorest.utils import prepare_response
from marshmallow import RAISE, fields
from webargs.flaskparser import FlaskParser

from api.errors import MEDIA_TYPE, Problem, invalid_parameters
from schemas.problems import ProblemSchema


class ProblemParser(FlaskParser):
    """webargs parser whose errors are problem+json: unknown query parameters are errors, not ignored."""

    DEFAULT_VALIDATION_STATUS = http.HTTPStatus.BAD_REQUEST
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": RAISE}

    def load_querystring(self, req, schema):
        """A parameter given twice is a 400: its values are never silently combined or dropped."""
        names = {field.data_key or name: field for name, field in schema.fields.items()}
        for name in req.args:
            if len(req.args.getlist(name)) > 1 and name in names and not isinstance(names[name], fields.List):
                raise Problem(http.HTTPStatus.BAD_REQUEST, f"Bad query parameter(s): {name}.", "invalid-parameter",
                              errors=[{"parameter": name, "detail": "Given more than once: give it once."}])  # fmt: skip
        return super().load_querystring(req, schema)

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        for location, messages in error.messages.items():
            if location == "query":
                raise invalid_parameters(
                    messages, sorted(field.data_key or name for name, field in schema.fields.items())
                )
        raise Problem(http.HTTPStatus.UNPROCESSABLE_ENTITY, "The request is not valid.", "validation-failed")


BEARER = [{"bearerAuth": []}]
SECURITY_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "A curator's token from `flask --app api tokens create --name NAME --role editor|admin`.",
}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ProblemParser()

    def problems(self, *statuses: int):
        """Document the error answers of an operation, each an RFC 9457 problem."""

        def decorator(func):
            for status in statuses:
                func = self.alt_response(status, response=http.HTTPStatus(status).name)(func)
            return func

        return decorator

    def writes(self, body_schema=None, *, patch: bool = False, statuses=(401, 403, 404, 409, 413, 415, 422)):
        """Document a curation write: bearer token, its body (a seed-form record, or a merge patch of one), errors."""
        doc = {"security": BEARER}
        if body_schema is not None:
            doc["requestBody"] = patch_body(body_schema) if patch else {
                "required": True, "content": {"application/json": {"schema": body_schema}}}  # fmt: skip
        return lambda func: self.problems(*statuses)(self.doc(**doc)(func))


def patch_body(schema) -> dict:
    name = schema.__name__
    description = (
        f"A JSON merge patch (RFC 7396) of the record in its seed form ({name}): the members to change; `null` removes "
        "an optional member; a list is replaced whole. The result must be a valid {name}. Send it as "
        "`application/merge-patch+json` (`application/json` is taken as the same). An optional `reason` member (or "
        "the `X-Change-Reason` header) says why."
    ).replace("{name}", name)
    body = {"type": "object", "description": description}
    return {"required": True, "content": {"application/merge-patch+json": {"schema": body},
                                          "application/json": {"schema": body}}}  # fmt: skip


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def __init__(self, app=None, **kwargs):
        super().__init__(app, **kwargs)
        self.spec.components.security_scheme("bearerAuth", SECURITY_SCHEME)

    def _register_error_handlers(self):
        """Ours live in api.errors."""

    def _register_responses(self):
        for status in http.HTTPStatus:
            if status == http.HTTPStatus.NOT_MODIFIED:
                continue  # HttpContractPlugin documents it, with its headers
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error, as RFC 9457 problem details.", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, MEDIA_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


def exports_doc(*, csv: str, ndjson: str, rows: str):
    """Document the CSV and NDJSON forms of a 200 answer, beside its JSON."""
    return Blueprint.doc(
        responses={
            200: {
                "content": {
                    "text/csv": {
                        "schema": {"type": "string", "description": f"RFC 4180 CSV, UTF-8, a header row, {rows}."},
                        "example": csv,
                    },
                    "application/x-ndjson": {
                        "schema": {"type": "string", "description": f"Newline-delimited JSON, {rows}."},
                        "example": ndjson,
                    },
                }
            }
        }
    )


SUCCESS_HEADERS = {
    "ETag": {
        "description": "Strong validator of this answer: send it back in If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When the dataset revision that answered was written.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {"description": "How long caches may keep the answer.", "schema": {"type": "string"}},
    "Vary": {"description": "`Accept, Accept-Language`: what else chooses the body.", "schema": {"type": "string"}},
    "Dataset-Revision": {
        "description": "The dataset revision this answer was built from (also `dataset_revision` in JSON objects).",
        "schema": {"type": "integer"},
    },
    "Content-Language": {
        "description": "`fr` or `en`: the language chosen for `text` members.",
        "schema": {"type": "string"},
    },
}
HEADER_PARAMETERS = [
    {
        "in": "header",
        "name": "Accept-Language",
        "required": False,
        "schema": {"type": "string"},
        "description": "`fr` or `en` (with the usual weights); the `lang` parameter wins over it.",
    },
    {
        "in": "header",
        "name": "If-None-Match",
        "required": False,
        "schema": {"type": "string"},
        "description": "An ETag from an earlier answer: 304 with no body while it still holds.",
    },
]
NOT_MODIFIED = {
    "description": "Not Modified: the ETag in If-None-Match (or the time in If-Modified-Since) still holds; no body."
}
NOT_MODIFIED_HEADERS = ("ETag", "Cache-Control", "Vary")


class HttpContractPlugin(BasePlugin):
    """What every GET of the API shares, documented once as components and referred to by `$ref`: the caching and
    revision headers of a success, the conditional and language request headers, 304, 400 (every operation checks
    its query string) and 406 (what `Accept` asks for is not offered)."""

    def init_spec(self, spec):
        super().init_spec(spec)
        self.spec = spec
        for name, header in SUCCESS_HEADERS.items():
            spec.components.header(name, header)
        for parameter in HEADER_PARAMETERS:
            spec.components.parameter(parameter["name"], "header", {key: value for key, value in parameter.items()
                                                                    if key not in ("in", "name")})  # fmt: skip
        spec.components.response("NOT_MODIFIED", {**NOT_MODIFIED, "headers": {name: name for name in NOT_MODIFIED_HEADERS}})

    def operation_helper(self, path=None, operations=None, **kwargs):
        operation = (operations or {}).get("get")
        if operation is None or not path.startswith("/v1"):
            return
        operation.setdefault("parameters", []).extend(parameter["name"] for parameter in HEADER_PARAMETERS)
        responses = operation["responses"]
        for code in list(responses):
            responses[str(code)] = responses.pop(code)
        for code, response in responses.items():
            if code.startswith("2") and isinstance(response, dict):
                response.setdefault("headers", {}).update({name: name for name in SUCCESS_HEADERS})
        responses.setdefault("304", "NOT_MODIFIED")
        responses.setdefault("400", "BAD_REQUEST")
        responses.setdefault("406", "NOT_ACCEPTABLE")

