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


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ProblemParser()


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

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
