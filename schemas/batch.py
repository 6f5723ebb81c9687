"""Batches: several curation writes applied together, all or none."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, Envelope

METHODS = ("POST", "PATCH", "DELETE")


class OperationInput(BaseSchema):
    """One write, as it would be sent on its own."""

    method = fields.String(required=True, validate=validate.OneOf(METHODS))
    path = fields.String(required=True, metadata={"example": "/v1/changes/fr-vigipirate-2024-03-24"})
    if_match = fields.String(metadata={"description": "The record's ETag, for PATCH and DELETE (If-Match)."})
    body = fields.Dict(
        metadata={"description": "POST: the record in seed form; PATCH: a JSON merge patch of it; DELETE: none."}
    )


class BatchInput(BaseSchema):
    """Writes applied in order in one transaction; the continuity of each history is checked after the last."""

    reason = fields.String(allow_none=True, metadata={"description": "Why, for every revision (or X-Change-Reason)."})
    operations = fields.List(fields.Nested(OperationInput), required=True, validate=validate.Length(min=1, max=100))


class OperationResultSchema(BaseSchema):
    method = fields.String(required=True)
    path = fields.String(required=True)
    status = fields.Integer(required=True, metadata={"description": "What the write alone would have answered."})
    location = fields.String(allow_none=True, required=True, metadata={"description": "The record written."})
    etag = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Its version, for If-Match (its GET's ETag starts with it)."},
    )


class BatchSchema(Envelope):
    """What a batch did: one result per operation, and the dataset revision it made."""

    results = fields.List(fields.Nested(OperationResultSchema), required=True)
