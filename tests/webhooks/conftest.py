"""Fixtures for the webhook tests: the app with private targets allowed and quick retries, and a receiver."""

import pytest

from tests.webhooks.receiver import Receiver

QUICK = {
    "WEBHOOKS_ALLOW_PRIVATE_TARGETS": True,  # the receiver listens on 127.0.0.1
    "WEBHOOKS_TIMEOUT": 2.0,
    "WEBHOOKS_LEASE": 7.0,
    "WEBHOOKS_RETRY_BASE": 0.2,
    "WEBHOOKS_RETRY_MAX": 1.0,
    "WEBHOOKS_FAILING_AFTER": 3,
    "WEBHOOKS_POLL_INTERVAL": 0.05,
}


@pytest.fixture
def hooks_app(app):
    app.config.update(QUICK)
    return app


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


def subscribe(client, admin, receiver, events=("change.created", "change.updated", "change.retracted",
              "level.changed"), systems=None) -> dict:  # fmt: skip
    body = {"url": receiver.url, "events": list(events), **({"systems": systems} if systems else {})}
    response = client.post("/v1/webhooks", json=body, headers=admin)
    assert response.status_code == 201, response.get_data(as_text=True)
    created = response.get_json()
    receiver.secret = created["secret"]
    return created
