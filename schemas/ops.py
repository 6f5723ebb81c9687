"""Operations: liveness and readiness answers."""

from marshmallow import fields

from schemas.base import BaseSchema


class HealthSchema(BaseSchema):
    status = fields.String(required=True, metadata={"example": "ok"})


class ReadinessSchema(BaseSchema):
    status = fields.String(required=True, metadata={"example": "ready"})
    schema_version = fields.String(
        required=True, allow_none=True, metadata={"description": "The last migration applied (api/migrations/)."}
    )
    dataset_revision = fields.Integer(required=True)
