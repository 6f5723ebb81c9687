"""Webhooks: subscriptions, the outbox of events that writes record, and the deliveries a worker makes of them."""

import datetime

from peewee import AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from api.models.base import BaseModel, JSONText


def utcnow() -> datetime.datetime:
    """Now in UTC, naive (as every time in the database)."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class Webhook(BaseModel):
    """A subscription: where to deliver which events (of which systems), and the secret deliveries are signed with."""

    id = CharField(max_length=40, primary_key=True)
    url = TextField()
    events = JSONText()
    systems = JSONText(null=True)  # None: every system
    secret = TextField()  # whsec_...: kept in clear, since the worker signs with it (as every webhook sender must)
    description = TextField(null=True)
    created_by = TextField()
    created_at = DateTimeField(default=utcnow)
    consecutive_failures = IntegerField(default=0)
    failing_since = DateTimeField(null=True)

    def wants(self, event: "OutboxEvent") -> bool:
        return event.type in self.events and (self.systems is None or event.system in self.systems)

    @classmethod
    def listening_at(cls, moment: datetime.datetime):
        """The subscriptions that existed when an event was recorded at `moment`."""
        return cls.select().where(cls.created_at <= moment).order_by(cls.created_at, cls.id)


class OutboxEvent(BaseModel):
    """An event a write recorded in its own transaction; `payload` is the body every subscriber receives."""

    id = AutoField()
    type = CharField(max_length=32)
    record_id = CharField(max_length=160)
    system = CharField(max_length=64, null=True)
    level = CharField(max_length=64, null=True)  # level.changed: the code of the level now in force
    dataset_revision = IntegerField()
    details = JSONText(null=True)  # what only the write knows: the level before, a retracted change as served
    payload = TextField(null=True)  # made by the worker when it first takes the event, then the same on every try
    created_at = DateTimeField(default=utcnow)
    fanned_out = BooleanField(default=False)

    class Meta:
        table_name = "outbox_event"
        indexes = ((("fanned_out", "id"), False), (("type", "system", "id"), False))

    @classmethod
    def waiting(cls):
        """Events not yet turned into deliveries, oldest first."""
        return cls.select().where(cls.fanned_out == False).order_by(cls.id)  # noqa: E712

    @classmethod
    def last_level(cls, system: str) -> str | None:
        """The level code the last level.changed event of a system announced."""
        row = cls.select(cls.level).where((cls.type == "level.changed") & (cls.system == system)).order_by(
            cls.id.desc()).first()  # fmt: skip
        return row and row.level


class WebhookDelivery(BaseModel):
    """One event for one subscription; its id is the `webhook-id` header, the same on every attempt."""

    id = CharField(max_length=40, primary_key=True)
    webhook = ForeignKeyField(Webhook, on_delete="CASCADE", backref="deliveries")
    event = ForeignKeyField(OutboxEvent, on_delete="CASCADE")
    status = CharField(max_length=16)  # pending (first try or retrying), succeeded, failed (gave up)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(null=True)  # while an attempt is under way: when it is tried again if it dies
    last_attempt_at = DateTimeField(null=True)
    last_status = IntegerField(null=True)
    last_error = TextField(null=True)
    created_at = DateTimeField(default=utcnow)
    delivered_at = DateTimeField(null=True)

    class Meta:
        table_name = "webhook_delivery"
        indexes = ((("status", "next_attempt_at"), False), (("webhook", "created_at"), False))

    @classmethod
    def due(cls, now: datetime.datetime, limit: int):
        return (
            cls.select()
            .where((cls.status == "pending") & (cls.next_attempt_at <= now))
            .order_by(cls.next_attempt_at, cls.id)
            .limit(limit)
        )

    @classmethod
    def of(cls, webhook_id: str):
        """A subscription's deliveries, newest first."""
        return (
            cls.select(cls, OutboxEvent)
            .join(OutboxEvent)
            .where(cls.webhook == webhook_id)
            .order_by(cls.created_at.desc(), cls.id.desc())
        )
