"""RFC 9457 problem details, as documented in the OpenAPI contract."""

from marshmallow import INCLUDE, fields

from schemas.base import BaseSchema


class ProblemFieldError(BaseSchema):
    detail = fields.String(required=True)
    parameter = fields.String(metadata={"description": "The query parameter at fault."})
    pointer = fields.String(metadata={"description": "JSON pointer into the body (or into `record`) at fault."})
    record = fields.String(metadata={"description": "The record at fault, when it is not the one written."})


class ProblemSchema(BaseSchema):
    """An error. `type` is `about:blank` for plain HTTP errors, else one of ours, under
    `tag:threat-levels-api,2026:problems/`: `invalid-parameter` (400: a query parameter is unknown or malformed; see
    `errors`), `malformed-body` (400: the body is not JSON), `unauthorized` (401: no valid bearer token; see the
    `WWW-Authenticate` header), `forbidden` (403: the token's role does not allow it), `not-found` (404: no record with
    that id), `before-first-record` (404: the date asked about is before the system's record starts; see
    `data_starts`), `not-acceptable` (406: no offered media type fits `Accept`; see `available`), `edit-conflict` (409: the id is taken, other records refer to this one, or the history of the system
    would break; see `errors`), `retracted` (410: the record was retracted; `last_revision` and `revisions` point at
    its history), `precondition-failed` (412: the record changed since it was read; `current_etag`),
    `validation-failed` (422: the body is not valid; `errors` has a JSON pointer per field), `precondition-required`
    (428: send If-Match), `rate-limited` (429: over this client's budget; see `Retry-After` and `X-RateLimit-*`),
    `unavailable` (503: the database does not answer; retry after `Retry-After` seconds),
    `not-ready` (503 from `/readyz`; see `checks`)."""

    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True, metadata={"example": "tag:threat-levels-api,2026:problems/invalid-parameter"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    errors = fields.List(fields.Nested(ProblemFieldError))
    current_etag = fields.String(metadata={"description": "412: the record's ETag now."})
    last_revision = fields.Integer(metadata={"description": "410: the revision that retracted the record."})
    revisions = fields.String(metadata={"description": "410: where the record's history is."})
    data_starts = fields.Date(metadata={"description": "before-first-record: the day the system's record starts."})
    available = fields.List(fields.String(), metadata={"description": "not-acceptable: the media types offered."})
