"""flask-smorest, adapted: query errors are 400 problems, and every error is documented as problem+json."""

import http

import flask_smorest
from flask_smorest.utils import prepare_response
from marshmallow import RAISE
from webargs.flaskparser import FlaskParser

from api.errors import MEDIA_TYPE, Problem, invalid_parameters
from schemas.problems import ProblemSchema


class ProblemParser(FlaskParser):
    """webargs parser whose errors are problem+json: unknown query parameters are errors, not ignored."""

    DEFAULT_VALIDATION_STATUS = http.HTTPStatus.BAD_REQUEST
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": RAISE}

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
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error, as RFC 9457 problem details.", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, MEDIA_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)
