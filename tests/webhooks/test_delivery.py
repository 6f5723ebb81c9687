"""Deliveries for real: writes record their events in their own transaction, a worker signs and POSTs them to a
receiver run by the test (which verifies them with `standardwebhooks`), retries with back-off, marks a target that
went away as failing, and loses nothing when it is killed mid-delivery; on SQLite and PostgreSQL."""

import base64
import datetime
import os
import random
import signal
import subprocess
import sys
import threading
import time
from http import HTTPStatus

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from api.curation import seeds
from api.models import OutboxEvent, WebhookDelivery
from api.webhooks import worker
from tests.conftest import ROOT, TEST_SEEDS
from tests.helpers import NEW_CHANGE
from tests.webhooks.conftest import QUICK, subscribe


def work_until(app, done, timeout=20.0):
    """Run worker rounds (as `flask webhooks work` does) until `done()` holds."""
    deadline = time.monotonic() + timeout
    with app.app_context():
        while not done():
            assert time.monotonic() < deadline, "the worker did not get there in time"
            if not worker.work_once(app.config):
                time.sleep(0.02)


def events(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(event.type, event.record_id) for event in OutboxEvent.select().order_by(OutboxEvent.id)]


def deliveries(client, admin, hook) -> dict:
    response = client.get(hook["deliveries"], headers=admin)
    assert response.status_code == HTTPStatus.OK
    return response.get_json()


def test_a_write_records_its_events_in_its_transaction_and_a_failed_write_none(hooks_app, client, editor, admin):
    before = events(hooks_app)
    assert client.post("/v1/changes", json={**NEW_CHANGE, "to_level": "nonsense"}, headers=editor).status_code == 422
    assert client.post("/v1/changes", json={**NEW_CHANGE, "from_level": "low"}, headers=editor).status_code == 409
    assert events(hooks_app) == before
    assert client.post("/v1/changes", json=NEW_CHANGE, headers=editor).status_code == HTTPStatus.CREATED
    new = events(hooks_app)[len(before) :]
    assert new == [("change.created", NEW_CHANGE["id"]), ("level.changed", NEW_CHANGE["id"])]
    with hooks_app.app_context():
        assert seeds.load(TEST_SEEDS).written == 0
    assert events(hooks_app)[len(before) :] == new  # reloading unchanged seeds records nothing


def test_deliveries_are_signed_per_standard_webhooks_and_carry_the_record_as_served(hooks_app, client, editor, admin,
                                                                                    receiver):  # fmt: skip
    hook = subscribe(client, admin, receiver, events=("change.created", "level.changed"), systems=["zz-alert"])
    client.post("/v1/changes", json=NEW_CHANGE, headers={**editor, "X-Change-Reason": "Announced today."})
    work_until(hooks_app, lambda: len(receiver.received) == 2)
    first, second = receiver.received
    assert first.verified and second.verified
    assert {"webhook-id", "webhook-timestamp", "webhook-signature"} <= set(first.headers)
    assert first.headers["webhook-signature"].startswith("v1,")
    assert first.payload["type"] == "change.created" and second.payload["type"] == "level.changed"
    served = client.get(f"/v1/changes/{NEW_CHANGE['id']}").get_json()
    data = first.payload["data"]
    assert data["record"] == served and data["dataset_revision"] == served["dataset_revision"]
    assert (data["revision"]["author"], data["revision"]["reason"]) == ("test-editor", "Announced today.")
    current = client.get("/v1/systems/zz-alert/current").get_json()
    assert second.payload["data"]["record"] == current
    assert second.payload["data"]["previous_level"] == "raised"
    listed = deliveries(client, admin, hook)
    assert {item["id"] for item in listed["items"]} == {first.headers["webhook-id"], second.headers["webhook-id"]}
    assert {(item["status"], item["attempts"]) for item in listed["items"]} == {("succeeded", 1)}
    with pytest.raises(WebhookVerificationError):  # another secret, or a body changed on the way: refused
        Webhook("whsec_" + base64.b64encode(b"k" * 32).decode()).verify(first.body, first.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(hook["secret"]).verify(first.body.replace("zz-alert", "zz-alarm"), first.headers)


def test_an_unwanted_system_or_event_type_is_not_delivered(hooks_app, hostile_client, editor, admin, receiver):
    client = hostile_client  # with a second system, zz-hostile
    other_system = subscribe(client, admin, receiver, events=("change.created",), systems=["zz-hostile"])
    other_type = subscribe(client, admin, receiver, events=("change.retracted",), systems=["zz-alert"])
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    work_until(hooks_app, lambda: not events_waiting(hooks_app))
    assert receiver.received == []
    assert deliveries(client, admin, other_system)["items"] == deliveries(client, admin, other_type)["items"] == []


def events_waiting(app) -> int:
    with app.app_context():
        return OutboxEvent.waiting().count()


def test_errors_are_retried_with_back_off_then_delivered_once_with_one_id(hooks_app, client, editor, admin, receiver):
    receiver.script = [500, 503, 429, 204]
    hook = subscribe(client, admin, receiver, events=("change.created",))
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    seen = []

    def done():
        items = deliveries(client, admin, hook)["items"]
        seen.append(items[0] if items else None)
        return items and items[0]["status"] == "succeeded"

    work_until(hooks_app, done)
    assert [r.verified for r in receiver.received] == [True] * 4
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1  # the same id on every attempt
    assert len({r.body for r in receiver.received}) == 1  # the same bytes
    gaps = [later.at - earlier.at for earlier, later in zip(receiver.received, receiver.received[1:], strict=False)]
    base = QUICK["WEBHOOKS_RETRY_BASE"]
    for attempt, gap in enumerate(gaps, start=1):  # base x 2^(n-1), jittered into [half, whole]
        assert gap >= min(QUICK["WEBHOOKS_RETRY_MAX"], base * 2 ** (attempt - 1)) * 0.5 - 0.02
    retrying = next(item for item in seen if item and item["attempts"] == 2 and item["status"] == "pending")
    assert retrying["last_status"] == 503 and retrying["last_error"].startswith("HTTP 503")
    assert retrying["next_attempt_at"] > retrying["last_attempt_at"]
    final = deliveries(client, admin, hook)
    assert (final["items"][0]["attempts"], final["items"][0]["last_error"]) == (4, None)
    assert final["target"]["status"] == "healthy"  # the success cleared the failures


def test_back_off_doubles_up_to_its_cap_with_jitter():
    rng = random.Random(7)
    waits = [worker.backoff(n, 30, 3600, rng) for n in range(1, 12)]
    for n, wait in enumerate(waits, start=1):
        assert min(3600, 30 * 2 ** (n - 1)) * 0.5 <= wait <= min(3600, 30 * 2 ** (n - 1))
    assert sum(worker.backoff(n, 30, 3600, rng) for n in range(1, 40)) > 86400  # 39 attempts span over a day


def test_a_target_that_goes_away_is_marked_failing_then_given_up(hooks_app, client, editor, admin, receiver):
    hook = subscribe(client, admin, receiver, events=("change.created",))
    receiver.stop()
    hooks_app.config["WEBHOOKS_RETRY_FOR"] = 2.0
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    work_until(hooks_app, lambda: deliveries(client, admin, hook)["items"][0]["status"] == "failed"
               if deliveries(client, admin, hook)["items"] else False)  # fmt: skip
    listed = deliveries(client, admin, hook)
    assert listed["target"]["status"] == "failing" and listed["target"]["failing_since"]
    assert listed["target"]["consecutive_failures"] >= QUICK["WEBHOOKS_FAILING_AFTER"]
    [item] = listed["items"]
    assert item["next_attempt_at"] is None and "Connection" in item["last_error"]
    assert client.get(f"/v1/webhooks/{hook['id']}", headers=admin).get_json()["target"]["status"] == "failing"


def test_a_redirect_is_not_followed(hooks_app, client, editor, admin, receiver):
    receiver.script = [302]
    hook = subscribe(client, admin, receiver, events=("change.created",))
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    work_until(hooks_app, lambda: len(receiver.received) >= 1)
    item = deliveries(client, admin, hook)["items"][0]
    assert item["last_status"] == 302 and "not followed" in item["last_error"] and item["status"] == "pending"


def start_worker(database_url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, **{name: str(value) for name, value in QUICK.items()}}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "api", "webhooks", "work"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def test_a_worker_killed_mid_delivery_loses_nothing(hooks_app, client, editor, admin, receiver):
    database_url = hooks_app.config["DATABASE_URL"]  # the app's own database: the worker must share it
    receiver.script = ["hang", 204]
    hook = subscribe(client, admin, receiver, events=("change.created",))
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    first = start_worker(database_url)
    try:
        assert receiver.arrived.wait(30), first.stderr.read() if first.poll() is not None else "no delivery"
        first.send_signal(signal.SIGKILL)  # mid-delivery: the receiver holds the request open
        first.wait(10)
    finally:
        first.kill()
    receiver.release.set()
    item = deliveries(client, admin, hook)["items"][0]
    assert (item["status"], item["attempts"]) == ("pending", 1)  # claimed, never finished: due again at its lease
    second = start_worker(database_url)
    try:
        deadline = time.monotonic() + 30
        while deliveries(client, admin, hook)["items"][0]["status"] != "succeeded":
            assert time.monotonic() < deadline and second.poll() is None, second.stderr.read()[-2000:]
            time.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)
    assert [r.headers["webhook-id"] for r in receiver.received] == [item["id"]] * 2
    assert receiver.received[1].verified and receiver.received[1].payload["data"]["record"]["id"] == NEW_CHANGE["id"]
    assert deliveries(client, admin, hook)["items"][0]["attempts"] == 2


def test_sqlite_takes_one_worker(hooks_app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL takes several workers (SKIP LOCKED)")
    with hooks_app.app_context(), worker.SingleWorker():
        result = hooks_app.test_cli_runner().invoke(args=["webhooks", "work", "--once"])
    assert result.exit_code == 1 and "Another webhooks worker runs on" in result.output


def test_concurrent_workers_never_claim_the_same_attempt(hooks_app, database_url, client, editor, admin, receiver):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite takes one worker")
    for _ in range(5):
        subscribe(client, admin, receiver, events=("change.created",))
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    with hooks_app.app_context():
        worker.fan_out()
        WebhookDelivery.update(next_attempt_at=datetime.datetime(2000, 1, 1)).execute()
    claims, start = [], threading.Barrier(4)

    def claim():
        with hooks_app.app_context():
            start.wait()
            for _ in range(5):
                claims.extend((job.delivery_id, job.attempt) for job in worker.claim(
                    datetime.datetime(2001, 1, 1), 1, 60))  # fmt: skip

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claims) == sorted({(delivery_id, 1) for delivery_id, _ in claims})  # none claimed twice
    assert len(claims) == 5  # each of the five deliveries once, by one of the four workers


def test_a_retraction_delivers_the_change_as_it_was_last_served_and_why(hooks_app, client, admin, receiver):
    subscribe(client, admin, receiver, events=("change.retracted",))
    url = "/v1/changes/zz-alert-2024-05-10"
    served = client.get(url)
    headers = {**admin, "If-Match": served.headers["ETag"], "X-Change-Reason": "No such decision was taken."}
    assert client.delete(url, headers=headers).status_code == HTTPStatus.NO_CONTENT
    work_until(hooks_app, lambda: len(receiver.received) == 1)
    [delivery] = receiver.received
    assert delivery.verified and delivery.payload["type"] == "change.retracted"
    assert delivery.payload["data"]["record"] == served.get_json()
    assert delivery.payload["data"]["revision"]["reason"] == "No such decision was taken."
