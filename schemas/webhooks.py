"""Webhooks: subscriptions (what to send where), their deliveries, and the payloads a receiver gets."""

from marshmallow import fields, validate

from schemas.base import SLUG, BaseSchema, Envelope, Page, QueryArgs
from schemas.revisions import UTCDateTime

EVENT_TYPES = ("change.created", "change.updated", "change.retracted", "level.changed")
DELIVERY_STATUSES = ("pending", "succeeded", "failed")


class WebhookInput(BaseSchema):
    """A new subscription (admin)."""

    url = fields.Url(
        required=True,
        schemes={"http", "https"},
        require_tld=False,
        validate=validate.Length(max=2000),
        metadata={"description": "Where deliveries are POSTed. Its host must resolve to public addresses only "
                  "(loopback, private and link-local ones are refused). Redirects are not followed.",
                  "example": "https://newsroom.example/hooks/threat-levels"},
    )  # fmt: skip
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENT_TYPES)),
        required=True,
        validate=validate.Length(min=1, max=len(EVENT_TYPES)),
        metadata={"description": "The event types wanted.", "example": ["level.changed"]},
    )
    systems = fields.List(
        fields.String(validate=SLUG),
        allow_none=True,
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "Only events of these systems; absent or null: every system.",
                  "example": ["fr-vigipirate"]},
    )  # fmt: skip
    description = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200))


class TargetSchema(BaseSchema):
    """How the target has answered lately."""

    status = fields.String(
        required=True,
        validate=validate.OneOf(("healthy", "failing")),
        metadata={"description": "`failing` after WEBHOOKS_FAILING_AFTER failed attempts in a row, until one succeeds; "
                  "deliveries are still retried meanwhile, with back-off."},
    )  # fmt: skip
    consecutive_failures = fields.Integer(required=True)
    failing_since = UTCDateTime(allow_none=True, required=True)


class WebhookSchema(BaseSchema):
    """A subscription, as its GET shows it (never its secret)."""

    id = fields.String(required=True, metadata={"example": "wh_5f0c6b1e2d9a4c7b8e3f1a2d"})
    url = fields.String(required=True)
    events = fields.List(fields.String(validate=validate.OneOf(EVENT_TYPES)), required=True)
    systems = fields.List(fields.String(), allow_none=True, required=True)
    description = fields.String(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)
    created_by = fields.String(required=True, metadata={"description": "The name of the admin token that made it."})
    target = fields.Nested(TargetSchema, required=True)
    deliveries = fields.String(required=True, metadata={"description": "The URL of its deliveries list."})


class WebhookRecordSchema(WebhookSchema, Envelope):
    """`GET /v1/webhooks/{id}`."""


class WebhookCreatedSchema(WebhookRecordSchema):
    """The answer to `POST /v1/webhooks`: the subscription and, this once, its signing secret."""

    secret = fields.String(
        required=True,
        metadata={"description": "The signing secret (`whsec_` and base64): shown only now. Verify each delivery's "
                  "`webhook-signature` with it, per the Standard Webhooks specification.",
                  "example": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
    )  # fmt: skip


class DeliverySchema(BaseSchema):
    """One event for one subscription, with every attempt at it summed up."""

    id = fields.String(required=True, metadata={"description": "The `webhook-id` header: the same on every attempt.",
                                                "example": "msg_2b8f4e0c9d1a4f6e8b7c5d3a1e9f0b2c"})  # fmt: skip
    event_type = fields.String(required=True, validate=validate.OneOf(EVENT_TYPES))
    record_id = fields.String(required=True, metadata={"example": "fr-vigipirate-2024-03-24"})
    system = fields.String(allow_none=True, required=True)
    dataset_revision = fields.Integer(required=True, metadata={"description": "The revision whose write made it."})
    status = fields.String(
        required=True,
        validate=validate.OneOf(DELIVERY_STATUSES),
        metadata={"description": "`pending` until an attempt succeeds (`succeeded`) or retries run out after "
                  "WEBHOOKS_RETRY_FOR seconds (`failed`)."},
    )  # fmt: skip
    attempts = fields.Integer(required=True)
    last_attempt_at = UTCDateTime(allow_none=True, required=True)
    last_status = fields.Integer(allow_none=True, required=True, metadata={"description": "HTTP status answered."})
    last_error = fields.String(allow_none=True, required=True)
    next_attempt_at = UTCDateTime(allow_none=True, required=True, metadata={"description": "The next try (null when "
                                  "done); while an attempt is under way, when it is tried again should it never end."})  # fmt: skip
    created_at = UTCDateTime(required=True)
    delivered_at = UTCDateTime(allow_none=True, required=True)


class DeliveryListArgs(QueryArgs):
    """Query string of the deliveries list: a page size and a cursor from a `Link` header, a status."""

    limit = fields.Integer(validate=validate.Range(min=1, max=500), metadata={"description": "Items per page "
                           "(1-500, default 50)."})  # fmt: skip
    cursor = fields.String(validate=validate.Length(max=1000), metadata={"description": "From a `Link` header."})
    status = fields.String(validate=validate.OneOf(DELIVERY_STATUSES))


class DeliveryListSchema(Page):
    webhook = fields.String(required=True)
    target = fields.Nested(TargetSchema, required=True)
    items = fields.List(fields.Nested(DeliverySchema), required=True)


class PayloadRevisionSchema(BaseSchema):
    id = fields.Integer(required=True)
    action = fields.String(required=True)
    record_kind = fields.String(required=True)
    record_id = fields.String(required=True)
    author = fields.String(required=True)
    reason = fields.String(allow_none=True, required=True)


class PayloadDataSchema(BaseSchema):
    dataset_revision = fields.Integer(required=True, metadata={"description": "The revision the write made."})
    revision = fields.Nested(PayloadRevisionSchema, required=True)
    system = fields.String(required=True)
    record = fields.Dict(
        allow_none=True,
        required=True,
        metadata={"description": "change.*: the change as `GET /v1/changes/{id}` serves it (for a retraction, as it "
                  "was last served); level.changed: as `GET /v1/systems/{system}/current` serves it (null when no "
                  "level is in force any more). Texts in English beside both languages."},
    )  # fmt: skip
    previous_level = fields.String(allow_none=True, metadata={"description": "level.changed: the code before."})


class PayloadSchema(BaseSchema):
    """The JSON body of every delivery (Standard Webhooks: type, timestamp, data)."""

    type = fields.String(required=True, validate=validate.OneOf(EVENT_TYPES))
    timestamp = fields.String(required=True, metadata={"description": "When the write recorded the event (UTC)."})
    data = fields.Nested(PayloadDataSchema, required=True)
