"""RFC 9457 problem details, as documented in the OpenAPI contract."""

from marshmallow import INCLUDE, fields

from schemas.base import BaseSchema


class ProblemFieldError(BaseSchema):
    detail = fields.String(required=True)
    parameter = fields.String(metadata={"description": "The query parameter at fault."})
    pointer = fields.String(metadata={"description": "JSON pointer into the body at fault."})


class ProblemSchema(BaseSchema):
    """An error. `type` is `about:blank` for plain HTTP errors, else one of ours:
    `tag:threat-levels-api,2026:problems/invalid-parameter` (400: a query parameter is unknown or malformed; see
    `errors`), `.../not-found` (404: no record with that id), `.../validation-failed` (422)."""

    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True, metadata={"example": "tag:threat-levels-api,2026:problems/invalid-parameter"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    errors = fields.List(fields.Nested(ProblemFieldError))
