"""Webhooks: subscriptions (admin), their deliveries, and the payloads a receiver gets (OpenAPI `webhooks`)."""

import base64
import secrets
from http import HTTPStatus

from flask import current_app, g, url_for

from api.auth import require
from api.curation import edits
from api.errors import Problem
from api.http.pagination import LINK_HEADER, Keyset
from api.http.render import no_content, render
from api.inputs import invalid, json_body
from api.models import System, Webhook, WebhookDelivery
from api.spec import BEARER, Blueprint
from api.webhooks.delivery import TargetRefused, resolve
from schemas.base import QueryArgs
from schemas.webhooks import (
    EVENT_TYPES,
    DeliveryListArgs,
    DeliveryListSchema,
    PayloadSchema,
    WebhookCreatedSchema,
    WebhookInput,
    WebhookRecordSchema,
)

blp = Blueprint("webhooks", __name__, url_prefix="/v1", description="Webhooks: signed pushes of each change (admin).")
PRIVATE = {"Cache-Control": "no-store"}  # per subscriber, and changing without a dataset revision: nobody keeps it


@blp.route("/webhooks", methods=["POST"])
@blp.writes(WebhookInput, statuses=(400, 401, 403, 413, 415, 422))
@blp.response(
    201, WebhookCreatedSchema, headers={"Location": {"description": "The subscription.", "schema": {"type": "string"}}}
)
@require("admin")
def create_webhook():
    """Subscribe a URL to events (admin); the answer holds the signing secret, shown only this once."""
    data = load_subscription(json_body())
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    hook = Webhook.create(id=f"wh_{secrets.token_hex(12)}", url=data["url"], events=sorted(set(data["events"])),
                          systems=data["systems"], description=data["description"], secret=secret,
                          created_by=g.token.name)  # fmt: skip
    location = url_for("webhooks.get_webhook", webhook_id=hook.id)
    return render(WebhookCreatedSchema(), {**shown(hook), "secret": secret}, status=HTTPStatus.CREATED,
                  headers={**PRIVATE, "Location": location})  # fmt: skip


@blp.route("/webhooks/<string:webhook_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, WebhookRecordSchema)
@blp.doc(security=BEARER)
@blp.problems(401, 403, 404)
@require("admin")
def get_webhook(args, webhook_id):
    """A subscription (admin): what it wants, where to, and how its target has answered lately."""
    return render(WebhookRecordSchema(), shown(webhook_or_404(webhook_id)), headers=PRIVATE)


@blp.route("/webhooks/<string:webhook_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404))
@blp.response(204)
@require("admin")
def delete_webhook(webhook_id):
    """Unsubscribe (admin): nothing more is sent, attempts still due included."""
    webhook_or_404(webhook_id).delete_instance()  # its deliveries go with it (ON DELETE CASCADE)
    return no_content()


class DeliveryWalk(Keyset):
    """Deliveries newest first, by (event, id): both fixed when the delivery is made."""

    def __init__(self, query):
        super().__init__(query, (WebhookDelivery.event, WebhookDelivery.id), descending=True)
        self.types = (int, str)

    def key(self, row) -> tuple:
        return row.event_id, row.id


@blp.route("/webhooks/<string:webhook_id>/deliveries")
@blp.arguments(DeliveryListArgs, location="query")
@blp.response(200, DeliveryListSchema, headers=LINK_HEADER)
@blp.doc(security=BEARER)
@blp.problems(401, 403, 404)
@require("admin")
def list_deliveries(args, webhook_id):
    """A subscription's deliveries, newest first (admin): status, attempts, last error and next try of each."""
    hook = webhook_or_404(webhook_id)
    query = WebhookDelivery.of(hook.id)
    if "status" in args:
        query = query.where(WebhookDelivery.status == args["status"])
    walk = DeliveryWalk(query)
    rows, headers = walk.page(limit=args.get("limit") or current_app.config["PAGE_SIZE_DEFAULT"],
                              cursor=args.get("cursor"))  # fmt: skip
    data = {"webhook": hook.id, "target": target(hook), "items": [delivery(row) for row in rows]}
    if not args.get("cursor"):
        data["total"] = walk.count()
    return render(DeliveryListSchema(), data, headers={**PRIVATE, **headers})


def load_subscription(body: dict) -> dict:
    """The body checked: valid fields, known systems, and a target that resolves to addresses we may send to."""
    data = edits.load("webhook", body, WebhookInput)
    known = {row.id for row in System.select(System.id).where(System.id.in_(data["systems"] or []))}
    unknown = [(f"/systems/{i}", f"No system {s!r}.") for i, s in enumerate(data["systems"] or []) if s not in known]
    if unknown:
        raise invalid(unknown)
    try:
        resolve(data["url"], current_app.config["WEBHOOKS_ALLOW_PRIVATE_TARGETS"])
    except TargetRefused as exc:
        raise invalid([("/url", str(exc))]) from None
    return data


def webhook_or_404(webhook_id: str) -> Webhook:
    hook = Webhook.get_or_none(Webhook.id == webhook_id)
    if hook is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No webhook {webhook_id!r}.", "not-found")
    return hook


def target(hook: Webhook) -> dict:
    return {"status": "failing" if hook.failing_since else "healthy",
            "consecutive_failures": hook.consecutive_failures, "failing_since": hook.failing_since}  # fmt: skip


def shown(hook: Webhook) -> dict:
    return {"id": hook.id, "url": hook.url, "events": hook.events, "systems": hook.systems,
            "description": hook.description, "created_at": hook.created_at, "created_by": hook.created_by,
            "target": target(hook), "deliveries": url_for("webhooks.list_deliveries", webhook_id=hook.id)}  # fmt: skip


def delivery(row: WebhookDelivery) -> dict:
    event = row.event
    return {"id": row.id, "event_type": event.type, "record_id": event.record_id, "system": event.system,
            "dataset_revision": event.dataset_revision, "status": row.status, "attempts": row.attempts,
            "last_attempt_at": row.last_attempt_at, "last_status": row.last_status, "last_error": row.last_error,
            "next_attempt_at": row.next_attempt_at, "created_at": row.created_at,
            "delivered_at": row.delivered_at}  # fmt: skip


SIGNATURE_HEADERS = [
    {"in": "header", "name": "webhook-id", "required": True, "schema": {"type": "string"},
     "description": "The delivery's id, the same on every attempt: deduplicate by it."},
    {"in": "header", "name": "webhook-timestamp", "required": True, "schema": {"type": "string"},
     "description": "Seconds since the epoch when this attempt was signed; refuse one too far from now."},
    {"in": "header", "name": "webhook-signature", "required": True, "schema": {"type": "string"},
     "description": "`v1,` and the base64 HMAC-SHA256, keyed with the secret (base64 after `whsec_`), of "
                    "`{webhook-id}.{webhook-timestamp}.{body}` (Standard Webhooks)."},
]  # fmt: skip
EVENT_SUMMARIES = {
    "change.created": "A change was recorded (by a curator or a seeds load).",
    "change.updated": "A change was corrected: `data.revision.reason` says why.",
    "change.retracted": "A change was retracted: `data.record` is the change as it was last served, "
    "`data.revision.reason` why it went.",
    "level.changed": "The level in force now in a system moved (a write changed which change is in force).",
}


def document(api) -> None:
    """The payloads, as OpenAPI 3.1 `webhooks`: one POST per event type, signed per Standard Webhooks."""
    api.spec.components.schema("WebhookPayload", schema=PayloadSchema)
    ref = {"$ref": "#/components/schemas/WebhookPayload"}
    api.spec.options["webhooks"] = {
        name: {"post": {
            "summary": EVENT_SUMMARIES[name],
            "description": "POSTed by the worker to each subscription that wants it, at least once: retried with "
            "exponential back-off and jitter for more than a day until the receiver answers 2xx within the "
            "timeout. Redirects are not followed.",
            "parameters": SIGNATURE_HEADERS,
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
            "responses": {"2XX": {"description": "Received. Anything else (or no answer) is retried."}},
        }}
        for name in EVENT_TYPES
    }  # fmt: skip
