"""Webhook subscriptions: admin only, the secret shown once, targets checked, deliveries listed."""

from http import HTTPStatus

import pytest

from api.webhooks.delivery import allowed_address
from tests.helpers import assert_problem

TARGET = {"url": "https://93.184.215.14/hooks", "events": ["level.changed"], "systems": ["zz-alert"]}


def test_an_admin_subscribes_and_sees_the_secret_only_once(client, admin):
    response = client.post("/v1/webhooks", json=TARGET, headers=admin)
    assert response.status_code == HTTPStatus.CREATED
    created = response.get_json()
    assert created["secret"].startswith("whsec_") and created["id"].startswith("wh_")
    assert response.headers["Location"] == f"/v1/webhooks/{created['id']}"
    assert response.headers["Cache-Control"] == "private, no-store"
    shown = client.get(response.headers["Location"], headers=admin)
    assert shown.status_code == HTTPStatus.OK
    body = shown.get_json()
    assert "secret" not in body and created["secret"] not in shown.get_data(as_text=True)
    assert (body["url"], body["events"], body["systems"]) == (TARGET["url"], ["level.changed"], ["zz-alert"])
    assert body["target"] == {"status": "healthy", "consecutive_failures": 0, "failing_since": None}
    deliveries = client.get(body["deliveries"], headers=admin)
    assert deliveries.get_json()["items"] == [] and deliveries.get_json()["total"] == 0


def test_only_admins_manage_webhooks(client, editor):
    assert_problem(client.post("/v1/webhooks", json=TARGET), HTTPStatus.UNAUTHORIZED)
    assert_problem(client.post("/v1/webhooks", json=TARGET, headers=editor), HTTPStatus.FORBIDDEN)
    assert_problem(client.get("/v1/webhooks/wh_0", headers=editor), HTTPStatus.FORBIDDEN)
    assert_problem(client.get("/v1/webhooks/wh_0"), HTTPStatus.UNAUTHORIZED)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "http://10.1.2.3/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hooks",
        "http://100.64.0.1/hooks",
    ],
)
def test_a_target_on_a_private_address_is_refused(client, admin, url):
    body = assert_problem(client.post("/v1/webhooks", json={**TARGET, "url": url}, headers=admin), 422)
    assert body["errors"][0]["pointer"] == "/url"
    assert "public addresses only" in body["errors"][0]["detail"]


@pytest.mark.parametrize(("address", "allowed"), [("93.184.215.14", True), ("::ffff:192.168.0.1", False),
                                                  ("fe80::1%eth0", False), ("224.0.0.1", False), ("2001:db8::1", False)])
def test_only_public_unicast_addresses_are_targets(address, allowed):
    assert allowed_address(address, allow_private=False) is allowed
    assert allowed_address(address, allow_private=True)


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({**TARGET, "events": ["level.raised"]}, "/events/0"),
        ({**TARGET, "events": []}, "/events"),
        ({**TARGET, "systems": ["zz-alert", "xx-nowhere"]}, "/systems/1"),
        ({**TARGET, "url": "ftp://example.org/"}, "/url"),
        ({**TARGET, "url": "https://user:pw@example.org/"}, "/url"),
        ({**TARGET, "colour": "red"}, "/colour"),
    ],
)
def test_a_bad_subscription_is_a_422_naming_the_field(client, admin, body, pointer):
    problem = assert_problem(client.post("/v1/webhooks", json=body, headers=admin), 422)
    assert [error["pointer"] for error in problem["errors"]] == [pointer]


def test_unsubscribing_removes_the_subscription(client, admin):
    location = client.post("/v1/webhooks", json=TARGET, headers=admin).headers["Location"]
    assert client.delete(location, headers=admin).status_code == HTTPStatus.NO_CONTENT
    assert_problem(client.get(location, headers=admin), HTTPStatus.NOT_FOUND)
    assert_problem(client.delete(location, headers=admin), HTTPStatus.NOT_FOUND)
