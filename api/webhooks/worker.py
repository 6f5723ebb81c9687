"""The delivery worker (`flask --app api webhooks work`): turns outbox events into one delivery per subscription,
claims due deliveries, makes each attempt, and records what came of it, retrying with exponential back-off and
jitter for WEBHOOKS_RETRY_FOR seconds (more than a day).

At least once, never twice at the same time: a claim commits the attempt (its number, and a lease as its next try)
before anything is sent, in a short transaction (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, so that workers
claim disjoint rows; on SQLite one worker only, held by a file lock). A worker killed mid-delivery loses nothing: the
lease runs out and the delivery is tried again, with the same `webhook-id` for the receiver to deduplicate by. The
result is recorded only if the attempt is still the one claimed (compare-and-set on the attempt number).
"""

import datetime
import fcntl
import logging
import os
import random
import signal
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from api import db
from api.db import database, is_sqlite, write_transaction
from api.models import OutboxEvent, Webhook, WebhookDelivery
from api.models.webhooks import utcnow
from api.webhooks import outbox
from api.webhooks.delivery import Outcome, send, signed_headers

log = logging.getLogger(__name__)
webhooks_cli = AppGroup("webhooks", help="Deliver webhooks from the outbox.")


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def backoff(attempt: int, base: float, cap: float, rng: random.Random = random) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, ...): base x 2^(attempt-1), at most `cap`,
    times a random factor in [0.5, 1] so that receivers that fail together are not retried together."""
    return min(cap, base * 2 ** (attempt - 1)) * rng.uniform(0.5, 1.0)


def fan_out(limit: int = 200) -> int:
    """Turn waiting events into deliveries, one per subscription that existed when the event was recorded and wants
    it; in one transaction, so that each event is fanned out once."""
    with write_transaction():
        query = OutboxEvent.waiting().limit(limit)
        events = list(query if is_sqlite() else query.for_update(skip_locked=True))
        if not events:
            return 0
        hooks = list(Webhook.listening_at(max(event.created_at for event in events)))
        for event in events:
            if event.payload is None and any(hook.wants(event) for hook in hooks):
                OutboxEvent.update(payload=outbox.body(event)).where(OutboxEvent.id == event.id).execute()
        rows = [
            {"id": new_message_id(), "webhook": hook.id, "event": event.id, "status": "pending",
             "next_attempt_at": event.created_at, "created_at": event.created_at}
            for event in events for hook in hooks if hook.created_at <= event.created_at and hook.wants(event)
        ]  # fmt: skip
        for start in range(0, len(rows), 100):
            WebhookDelivery.insert_many(rows[start : start + 100]).execute()
        OutboxEvent.update(fanned_out=True).where(OutboxEvent.id.in_([event.id for event in events])).execute()
    return len(events)


@dataclass(frozen=True)
class Claim:
    """One attempt this worker owns: which delivery, its number, where to and what."""

    delivery_id: str
    attempt: int
    webhook_id: str
    url: str
    secret: str
    body: str


def claim(now: datetime.datetime, limit: int, lease: float) -> list[Claim]:
    """Take up to `limit` due deliveries: each gets its attempt number, and a lease as its next try, before any is
    sent."""
    with write_transaction():
        query = WebhookDelivery.due(now, limit)
        rows = list(query if is_sqlite() else query.for_update(skip_locked=True))
        if not rows:
            return []
        until = now + datetime.timedelta(seconds=lease)
        WebhookDelivery.update(attempts=WebhookDelivery.attempts + 1, next_attempt_at=until, last_attempt_at=now).where(
            WebhookDelivery.id.in_([row.id for row in rows])).execute()  # fmt: skip
        hooks = {hook.id: hook for hook in Webhook.select().where(Webhook.id.in_({row.webhook_id for row in rows}))}
        bodies = dict(OutboxEvent.select(OutboxEvent.id, OutboxEvent.payload).where(
            OutboxEvent.id.in_({row.event_id for row in rows})).tuples())  # fmt: skip
    return [Claim(row.id, row.attempts + 1, row.webhook_id, hooks[row.webhook_id].url, hooks[row.webhook_id].secret,
                  bodies[row.event_id]) for row in rows if row.webhook_id in hooks]  # fmt: skip


def attempt(job: Claim, config) -> Outcome:
    """Sign and send one attempt, then record what came of it."""
    now = datetime.datetime.now(datetime.UTC)
    headers = signed_headers(job.secret, job.delivery_id, job.body, now)
    outcome = send(job.url, job.body, headers, allow_private=config["WEBHOOKS_ALLOW_PRIVATE_TARGETS"],
                   timeout=config["WEBHOOKS_TIMEOUT"])  # fmt: skip
    record(job, outcome, config)
    return outcome


def record(job: Claim, outcome: Outcome, config) -> None:
    """The attempt's result, if the attempt is still the one claimed; the target's health with it."""
    now = utcnow()
    delivery = WebhookDelivery
    mine = (delivery.id == job.delivery_id) & (delivery.attempts == job.attempt) & (delivery.status == "pending")
    with write_transaction():
        if outcome.ok:
            values = {"status": "succeeded", "delivered_at": now, "next_attempt_at": None}
        else:
            row = delivery.get_or_none(delivery.id == job.delivery_id)
            if row is None:
                return
            wait = backoff(job.attempt, config["WEBHOOKS_RETRY_BASE"], config["WEBHOOKS_RETRY_MAX"])
            gave_up = (now - row.created_at).total_seconds() >= config["WEBHOOKS_RETRY_FOR"]
            values = {"status": "failed" if gave_up else "pending",
                      "next_attempt_at": None if gave_up else now + datetime.timedelta(seconds=wait)}  # fmt: skip
        updated = delivery.update(last_status=outcome.status, last_error=outcome.error, **values).where(mine).execute()
        if not updated:
            return  # the subscription went, or the lease ran out and the attempt is someone else's now
        hook = Webhook.id == job.webhook_id
        if outcome.ok:
            Webhook.update(consecutive_failures=0, failing_since=None).where(hook).execute()
        else:
            Webhook.update(consecutive_failures=Webhook.consecutive_failures + 1).where(hook).execute()
            Webhook.update(failing_since=now).where(
                hook & Webhook.failing_since.is_null()
                & (Webhook.consecutive_failures >= config["WEBHOOKS_FAILING_AFTER"])).execute()  # fmt: skip


def work_once(config) -> int:
    """One round: fan out, claim, deliver. The number of events and attempts it handled (0: nothing to do)."""
    with database.connection_context():
        events = fan_out()
        jobs = claim(utcnow(), config["WEBHOOKS_BATCH"], config["WEBHOOKS_LEASE"])
    with ThreadPoolExecutor(max_workers=config["WEBHOOKS_CONCURRENCY"]) as pool:
        list(pool.map(lambda job: attempt_in_own_connection(job, config), jobs))
    return events + len(jobs)


def attempt_in_own_connection(job: Claim, config) -> Outcome:
    with database.connection_context():
        return attempt(job, config)


class SingleWorker:
    """On SQLite, one worker per database file: an exclusive lock on a file beside it, which the system releases
    however the process ends (SIGKILL included)."""

    def __init__(self):
        self.handle = None

    def __enter__(self):
        path = Path(database.obj.database)
        if is_sqlite() and str(path) not in ("", ":memory:"):
            self.handle = open(f"{path}.webhooks-worker.lock", "w")  # noqa: SIM115 (held for the worker's life)
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.handle.close()
                raise click.ClickException(
                    f"Another webhooks worker runs on {path}: SQLite takes one (PostgreSQL takes several)."
                ) from None
        return self

    def __exit__(self, *exc):
        if self.handle is not None:
            self.handle.close()


@webhooks_cli.command("work")
@click.option("--once", is_flag=True, help="Do what is due now, then exit (cron, tests).")
def work(once):
    """Deliver webhooks until stopped (SIGTERM or SIGINT end it after the attempt under way)."""
    db.upgrade()
    config = current_app.config
    stopping = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.append(True))
    with SingleWorker():
        click.echo(f"webhooks worker started (pid {os.getpid()})", err=True)
        while not stopping:
            try:
                busy = work_once(config)
            except db.UNAVAILABLE as exc:
                log.warning("webhooks worker: the database does not answer (%s); retrying", exc)
                busy = 0
            if once and not busy:
                break
            if not busy:
                time.sleep(config["WEBHOOKS_POLL_INTERVAL"])
    db.close_all()
