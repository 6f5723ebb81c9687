"""Webhooks: subscriptions, the outbox of events each write records in its own transaction, and the deliveries the
worker makes of them (one per subscription and event: its id is the `webhook-id` a receiver deduplicates by).

Frozen here: it never imports the app's models.
"""

from peewee import *  # noqa: F403


def up(migrator, db):
    class Webhook(Model):
        id = CharField(max_length=40, primary_key=True)
        url = TextField()
        events = TextField()  # JSON list
        systems = TextField(null=True)  # JSON list; null: every system
        secret = TextField()
        description = TextField(null=True)
        created_by = TextField()
        created_at = DateTimeField()
        consecutive_failures = IntegerField(default=0)
        failing_since = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "webhook"

    class OutboxEvent(Model):
        id = AutoField()
        type = CharField(max_length=32)
        record_id = CharField(max_length=160)
        system = CharField(max_length=64, null=True)
        level = CharField(max_length=64, null=True)
        dataset_revision = IntegerField()
        details = TextField(null=True)  # JSON: what only the write knows (the level before, a retracted record)
        payload = TextField(null=True)  # the JSON body every subscriber receives, byte for byte, once made
        created_at = DateTimeField()
        fanned_out = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "outbox_event"
            indexes = ((("fanned_out", "id"), False), (("type", "system", "id"), False))

    class WebhookDelivery(Model):
        id = CharField(max_length=40, primary_key=True)
        webhook = ForeignKeyField(Webhook, on_delete="CASCADE", backref="deliveries")
        event = ForeignKeyField(OutboxEvent, on_delete="CASCADE")
        status = CharField(max_length=16)
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField(null=True)
        last_attempt_at = DateTimeField(null=True)
        last_status = IntegerField(null=True)
        last_error = TextField(null=True)
        created_at = DateTimeField()
        delivered_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "webhook_delivery"
            indexes = ((("status", "next_attempt_at"), False), (("webhook", "created_at"), False))

    db.create_tables([Webhook, OutboxEvent, WebhookDelivery])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table("webhook_delivery"), migrator.drop_table("outbox_event"), migrator.drop_table("webhook")
    )
