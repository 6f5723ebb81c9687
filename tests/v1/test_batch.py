"""POST /v1/batch: writes that must go together (a change inserted into a history) are made all at once, or none."""

from http import HTTPStatus

from api.models import Revision
from tests.helpers import assert_problem

MISSED = {"id": "zz-alert-2024-04-01", "system": "zz-alert", "from_level": "top", "to_level": "low",
          "scope": {"type": "national"}, "effective_date": "2024-04-01", "summary": {"en": "A missed change."},
          "source_ids": ["test-bulletin"]}  # fmt: skip
NEXT = "/v1/changes/zz-alert-2024-05-01"


def insertion(client, **overrides) -> dict:
    operations = [
        {"method": "POST", "path": "/v1/changes", "body": MISSED},
        {"method": "PATCH", "path": NEXT, "if_match": client.get(NEXT).headers["ETag"], "body": {"from_level": "low"}},
    ]
    return {"reason": "Insert a change the record missed.", "operations": operations, **overrides}


def count(app) -> int:
    with app.app_context():
        return Revision.select().count()


def test_a_change_is_inserted_into_a_history_with_the_next_one_corrected(app, client, editor):
    before = count(app)
    response = client.post("/v1/batch", json=insertion(client), headers=editor)
    assert response.status_code == HTTPStatus.OK, response.get_json()
    results = response.get_json()["results"]
    assert [(r["status"], r["location"]) for r in results] == [(201, "/v1/changes/zz-alert-2024-04-01"), (200, NEXT)]
    assert client.get(NEXT).headers["ETag"].startswith(results[1]["etag"][:-1] + ".")  # its version, for If-Match
    assert client.get(NEXT).get_json()["from_level"]["code"] == "low"
    assert count(app) == before + 2
    latest = client.get(NEXT + "/revisions").get_json()["items"][0]
    assert (latest["author"], latest["reason"]) == ("test-editor", "Insert a change the record missed.")


def test_the_history_is_checked_after_the_last_write(app, client, editor):
    batch = insertion(client)
    batch["operations"][1]["body"] = {"notes": "Not the fix."}
    body = assert_problem(client.post("/v1/batch", json=batch, headers=editor), HTTPStatus.CONFLICT)
    assert body["errors"][0]["record"] == "change zz-alert-2024-05-01"
    assert_problem(client.get("/v1/changes/zz-alert-2024-04-01"), HTTPStatus.NOT_FOUND)


def test_one_bad_operation_writes_nothing_and_is_pointed_at(app, client, editor):
    before = count(app)
    batch = insertion(client)
    batch["operations"][1]["body"] = {"from_level": "low", "effective_date": "May"}
    body = assert_problem(client.post("/v1/batch", json=batch, headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert body["detail"].startswith("Operation 1 (PATCH /v1/changes/zz-alert-2024-05-01): ")
    assert body["errors"] == [{"pointer": "/operations/1/body/effective_date", "detail": "Not a valid date."}]
    assert count(app) == before
    stale = insertion(client)
    stale["operations"][1]["if_match"] = '"rev-1"'
    assert_problem(client.post("/v1/batch", json=stale, headers=editor), HTTPStatus.PRECONDITION_FAILED)
    assert count(app) == before


def test_a_batch_makes_only_the_writes_of_the_api_and_retracts_only_as_admin(client, editor, admin):
    batch = {"operations": [{"method": "PUT", "path": "/v1/changes"}]}
    body = assert_problem(client.post("/v1/batch", json=batch, headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert body["errors"][0]["pointer"] == "/operations/0/method"
    batch = {"operations": [{"method": "POST", "path": "/v1/systems"}]}
    body = assert_problem(client.post("/v1/batch", json=batch, headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert body["errors"][0]["pointer"] == "/operations/0/path"
    etag = client.get("/v1/changes/zz-alert-2024-05-10").headers["ETag"]
    retraction = {"operations": [{"method": "DELETE", "path": "/v1/changes/zz-alert-2024-05-10", "if_match": etag}]}
    assert_problem(client.post("/v1/batch", json=retraction, headers=editor), HTTPStatus.FORBIDDEN)
    assert_problem(client.post("/v1/batch", json=retraction, headers=admin), HTTPStatus.UNPROCESSABLE_ENTITY)
    response = client.post("/v1/batch", json={**retraction, "reason": "Test."}, headers=admin)
    assert response.get_json()["results"][0] == {"method": "DELETE", "path": "/v1/changes/zz-alert-2024-05-10",
                                                 "status": 204, "location": None, "etag": None}  # fmt: skip
    missing_etag = {"operations": [{"method": "PATCH", "path": NEXT, "body": {"notes": "x"}}]}
    assert_problem(client.post("/v1/batch", json=missing_etag, headers=editor), HTTPStatus.PRECONDITION_REQUIRED)
