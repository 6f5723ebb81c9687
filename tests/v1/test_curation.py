"""Curation writes: tokens, validation, continuity, If-Match, revisions, retraction."""

import json
import logging
from http import HTTPStatus

import pytest

from api.models import Change, Revision
from tests.helpers import NEW_CHANGE, assert_problem

MERGE_PATCH = "application/merge-patch+json"


def revision_count(app) -> int:
    with app.app_context():
        return Revision.select().count()


def patch(client, url, body, headers, etag=None):
    headers = {**headers, **({"If-Match": etag} if etag else {})}
    return client.patch(url, data=json.dumps(body), content_type=MERGE_PATCH, headers=headers)


def test_an_editor_records_a_new_change(app, client, editor):
    before = client.get("/v1").get_json()["dataset_revision"]
    response = client.post("/v1/changes", json=NEW_CHANGE, headers={**editor, "X-Change-Reason": "Announced today."})
    assert response.status_code == HTTPStatus.CREATED
    assert response.headers["Location"] == "/v1/changes/zz-alert-2024-06-01"
    body = response.get_json()
    assert (body["direction"], body["from_level"]["code"], body["to_level"]["code"]) == ("lower", "raised", "low")
    got = client.get("/v1/changes/zz-alert-2024-06-01")
    assert got.headers["ETag"] == response.headers["ETag"]
    assert client.get("/v1").get_json()["dataset_revision"] == before + 1
    assert client.get("/v1/systems/zz-alert/current").get_json()["change_id"] == "zz-alert-2024-06-01"
    [revision] = client.get("/v1/changes/zz-alert-2024-06-01/revisions").get_json()["items"]
    assert (revision["action"], revision["author"], revision["reason"]) == ("create", "test-editor", "Announced today.")
    assert revision["content"]["from_level"] == "raised" and revision["content"]["decided_date"] is None


def test_without_a_token_a_write_is_a_401_with_a_bearer_challenge(app, client):
    count = revision_count(app)
    response = client.post("/v1/changes", json=NEW_CHANGE)
    assert_problem(response, HTTPStatus.UNAUTHORIZED)
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="threat-levels-api"'
    assert revision_count(app) == count


@pytest.mark.parametrize("header", ["Bearer tla_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer "])
def test_an_unknown_token_is_a_401_and_the_log_never_holds_it(client, caplog, header):
    with caplog.at_level(logging.WARNING, logger="api.auth"):
        response = client.post("/v1/sources", json={}, headers={"Authorization": header})
    assert_problem(response, HTTPStatus.UNAUTHORIZED)
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert "authentication failed: POST /v1/sources" in caplog.text
    assert "not-a-real-token" not in caplog.text and "dXNlcjpwYXNz" not in caplog.text


def test_a_revoked_token_is_a_401(app, client, tokens, editor):
    app.test_cli_runner().invoke(args=["tokens", "revoke", "test-editor"])
    assert_problem(client.post("/v1/changes", json=NEW_CHANGE, headers=editor), HTTPStatus.UNAUTHORIZED)


def test_an_editor_may_not_retract_403(client, editor):
    etag = client.get("/v1/changes/zz-alert-2024-05-10").headers["ETag"]
    headers = {**editor, "If-Match": etag, "X-Change-Reason": "Wrong."}
    response = client.delete("/v1/changes/zz-alert-2024-05-10", headers=headers)
    body = assert_problem(response, HTTPStatus.FORBIDDEN)
    assert "'editor'" in body["detail"] and 'scope="admin"' in response.headers["WWW-Authenticate"]
    assert client.get("/v1/changes/zz-alert-2024-05-10").status_code == HTTPStatus.OK


def test_reads_stay_public(client):
    assert client.get("/v1/changes/zz-alert-2024-03-24").status_code == HTTPStatus.OK
    assert client.get("/v1/changes/zz-alert-2024-03-24/revisions").status_code == HTTPStatus.OK


def test_an_invalid_body_is_a_422_with_a_pointer_per_field_and_nothing_written(app, client, editor):
    count = revision_count(app)
    bad = {**NEW_CHANGE, "effective_date": "1 June", "colour": "red",
           "justifications": [{"id": "j", "quote": "", "language": "English"}]}  # fmt: skip
    del bad["summary"]
    body = assert_problem(client.post("/v1/changes", json=bad, headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    pointers = {error["pointer"] for error in body["errors"]}
    assert {"/effective_date", "/colour", "/summary", "/justifications/0/quote", "/justifications/0/language",
            "/justifications/0/speaker", "/justifications/0/source_id"} <= pointers  # fmt: skip
    assert revision_count(app) == count
    assert_problem(client.get("/v1/changes/zz-alert-2024-06-01"), HTTPStatus.NOT_FOUND)


def test_references_are_checked_as_the_loader_checks_them(client, editor):
    bad = {**NEW_CHANGE, "source_ids": ["nowhere"], "triggers": ["no-event"], "to_level": "catastrophic"}
    body = assert_problem(client.post("/v1/changes", json=bad, headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert [(e["pointer"], e["detail"]) for e in body["errors"]] == [
        ("/to_level", "unknown level 'catastrophic' in system 'zz-alert'"),
        ("/triggers/0", "unknown event 'no-event'"),
        ("/source_ids/0", "unknown source 'nowhere'"),
    ]


def test_a_change_id_names_its_system(client, editor):
    body = assert_problem(client.post("/v1/changes", json={**NEW_CHANGE, "id": "other-2024-06-01"}, headers=editor),
                          HTTPStatus.UNPROCESSABLE_ENTITY)  # fmt: skip
    assert body["errors"][0]["pointer"] == "/id"


def test_a_change_that_breaks_the_history_is_a_409_with_an_explanation(app, client, editor):
    count = revision_count(app)
    response = client.post("/v1/changes", json={**NEW_CHANGE, "from_level": "top"}, headers=editor)
    body = assert_problem(response, HTTPStatus.CONFLICT)
    assert "from_level must be 'raised', the level set by zz-alert-2024-05-01 just before it" in body["detail"]
    assert body["errors"][0] == {"record": "change zz-alert-2024-06-01", "pointer": "/from_level",
                                 "detail": body["errors"][0]["detail"]}  # fmt: skip
    inserted = {**NEW_CHANGE, "id": "zz-alert-2024-04-01", "effective_date": "2024-04-01", "from_level": "top"}
    body = assert_problem(client.post("/v1/changes", json=inserted, headers=editor), HTTPStatus.CONFLICT)
    assert body["errors"][0]["record"] == "change zz-alert-2024-05-01"  # the next change would no longer follow
    assert revision_count(app) == count


def test_creating_an_existing_id_is_a_409(client, editor):
    existing = {**NEW_CHANGE, "id": "zz-alert-2024-05-01"}
    assert_problem(client.post("/v1/changes", json=existing, headers=editor), HTTPStatus.CONFLICT)


def test_a_body_over_the_limit_is_a_413(client, editor):
    big = {**NEW_CHANGE, "notes": "x" * (65 * 1024)}
    assert_problem(client.post("/v1/changes", json=big, headers=editor), HTTPStatus.REQUEST_ENTITY_TOO_LARGE)


def test_bodies_must_be_json(client, editor):
    response = client.post("/v1/sources", data="id: x", content_type="text/yaml", headers=editor)
    assert_problem(response, HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
    response = client.post("/v1/sources", data='{"id": "a", "id": "b"}', content_type="application/json",
                           headers=editor)  # fmt: skip
    assert "duplicate member(s) id" in assert_problem(response, HTTPStatus.BAD_REQUEST)["detail"]
    body = assert_problem(client.post("/v1/sources", json=[1], headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert body["errors"] == [{"pointer": "/", "detail": "The body must be a JSON object."}]


def test_patch_needs_if_match_428(client, editor):
    response = patch(client, "/v1/sources/test-bulletin", {"reliability": "Checked."}, editor)
    assert_problem(response, HTTPStatus.PRECONDITION_REQUIRED)
    response = patch(client, "/v1/sources/test-bulletin", {"reliability": "Checked."}, editor, etag="*")
    assert_problem(response, HTTPStatus.PRECONDITION_REQUIRED)


def test_patch_applies_a_merge_patch_with_the_current_etag(app, client, editor):
    etag = client.get("/v1/sources/test-newspaper").headers["ETag"]
    response = patch(client, "/v1/sources/test-newspaper",
                     {"reliability": "Checked against the print edition.", "url": None, "reason": "Checked."},
                     editor, etag)  # fmt: skip
    assert response.status_code == HTTPStatus.OK
    body = response.get_json()
    assert (body["reliability"], body["url"], body["title"]) == ("Checked against the print edition.", None,
                                                                 "Test newspaper report")  # fmt: skip
    assert response.headers["ETag"] != etag
    assert client.get("/v1/sources/test-newspaper").headers["ETag"] == response.headers["ETag"]
    latest = client.get("/v1/sources/test-newspaper/revisions").get_json()["items"][0]
    assert (latest["action"], latest["reason"], latest["content"]["url"]) == ("update", "Checked.", None)


def test_a_stale_etag_is_a_412_and_nothing_is_written(app, client, editor):
    etag = client.get("/v1/sources/test-newspaper").headers["ETag"]
    assert patch(client, "/v1/sources/test-newspaper", {"author": "A. Writer"}, editor, etag).status_code == 200
    count = revision_count(app)
    response = patch(client, "/v1/sources/test-newspaper", {"author": "Someone Else"}, editor, etag)
    body = assert_problem(response, HTTPStatus.PRECONDITION_FAILED)
    assert body["current_etag"] == response.headers["ETag"]  # the record's version, which its GET's ETag starts with
    assert client.get("/v1/sources/test-newspaper").headers["ETag"].startswith(body["current_etag"][:-1] + ".")
    assert client.get("/v1/sources/test-newspaper").get_json()["author"] == "A. Writer"
    assert revision_count(app) == count


def test_a_patch_that_changes_nothing_writes_nothing(app, client, editor):
    etag = client.get("/v1/sources/test-bulletin").headers["ETag"]
    count = revision_count(app)
    response = patch(client, "/v1/sources/test-bulletin", {"title": "Test bulletin"}, editor, etag)
    assert response.status_code == HTTPStatus.OK and response.headers["ETag"] == etag
    assert revision_count(app) == count


def test_a_patch_result_is_validated_like_a_seed_file(client, editor):
    etag = client.get("/v1/changes/zz-alert-2024-03-24").headers["ETag"]
    response = patch(client, "/v1/changes/zz-alert-2024-03-24", {"summary": None, "effective_at": "20:30"},
                     editor, etag)  # fmt: skip
    body = assert_problem(response, HTTPStatus.UNPROCESSABLE_ENTITY)
    assert {e["pointer"] for e in body["errors"]} == {"/summary", "/effective_at"}
    response = patch(client, "/v1/changes/zz-alert-2024-03-24", {"id": "zz-alert-2024-03-25"}, editor, etag)
    assert assert_problem(response, HTTPStatus.UNPROCESSABLE_ENTITY)["errors"][0]["pointer"] == "/id"


def test_moving_a_change_rechecks_continuity(client, editor):
    etag = client.get("/v1/changes/zz-alert-2024-03-24").headers["ETag"]
    response = patch(client, "/v1/changes/zz-alert-2024-03-24", {"effective_date": "2024-05-05"}, editor, etag)
    assert_problem(response, HTTPStatus.CONFLICT)
    response = patch(client, "/v1/changes/zz-alert-2024-03-24", {"effective_date": "2024-03-25"}, editor, etag)
    assert response.status_code == HTTPStatus.OK


def test_the_etag_of_a_change_follows_what_it_embeds(client, editor):
    before = client.get("/v1/changes/zz-alert-2024-03-24").headers["ETag"]
    etag = client.get("/v1/events/2024-03-22-test-attack").headers["ETag"]
    patch(client, "/v1/events/2024-03-22-test-attack", {"title": {"en": "Test attack, renamed"}}, editor, etag)
    after = client.get("/v1/changes/zz-alert-2024-03-24")
    assert after.headers["ETag"] != before
    assert after.get_json()["triggers"][0]["title"] == {"en": "Test attack, renamed", "fr": None,
                                                        "text": "Test attack, renamed", "lang": "en"}  # fmt: skip


def test_an_admin_retracts_a_change_204_then_it_is_gone_410(app, client, admin, editor):
    url = "/v1/changes/zz-alert-2024-05-10"
    etag = client.get(url).headers["ETag"]
    response = client.delete(url, headers={**admin, "If-Match": etag, "X-Change-Reason": "No such regional change."})
    assert response.status_code == HTTPStatus.NO_CONTENT and response.data == b""
    body = assert_problem(client.get(url), HTTPStatus.GONE)
    assert body["revisions"] == url + "/revisions" and "No such regional change." in body["detail"]
    with app.app_context():
        assert body["last_revision"] == Revision.latest_state()[0]
        assert Change.get_or_none(Change.id == "zz-alert-2024-05-10") is None
    assert_problem(client.get(url + "/revisions"), HTTPStatus.GONE)
    assert_problem(client.get(url + "/revisions", headers=editor), HTTPStatus.GONE)
    history = client.get(url + "/revisions", headers=admin).get_json()["items"]
    assert [item["action"] for item in history] == ["retract", "create"]
    assert_problem(patch(client, url, {"notes": "x"}, editor, etag), HTTPStatus.GONE)


def test_a_retraction_needs_if_match_and_a_reason(client, admin):
    url = "/v1/changes/zz-alert-2024-05-10"
    assert_problem(client.delete(url, headers={**admin, "X-Change-Reason": "Wrong."}), HTTPStatus.PRECONDITION_REQUIRED)
    etag = client.get(url).headers["ETag"]
    body = assert_problem(client.delete(url, headers={**admin, "If-Match": etag}), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert body["errors"][0]["pointer"] == "/reason"
    stale = {**admin, "If-Match": '"rev-1"', "X-Change-Reason": "Wrong."}
    assert_problem(client.delete(url, headers=stale), HTTPStatus.PRECONDITION_FAILED)


def test_retracting_a_change_in_the_middle_of_a_history_is_a_409(client, admin):
    url = "/v1/changes/zz-alert-2024-03-24"
    headers = {**admin, "If-Match": client.get(url).headers["ETag"], "X-Change-Reason": "Test."}
    body = assert_problem(client.delete(url, headers=headers), HTTPStatus.CONFLICT)
    assert body["errors"][0]["record"] == "change zz-alert-2024-05-01"


def test_retracting_a_cited_source_is_a_409_naming_who_cites_it(client, admin):
    url = "/v1/sources/test-newspaper"
    headers = {**admin, "If-Match": client.get(url).headers["ETag"], "X-Change-Reason": "Test."}
    body = assert_problem(client.delete(url, headers=headers), HTTPStatus.CONFLICT)
    cited = {(error["record"], error["pointer"]) for error in body["errors"]}
    assert ("change zz-alert-2024-03-24", "/justifications/0/source_id") in cited
    assert ("event 2024-03-22-test-attack", "/casualties/0/source_id") in cited


def test_a_retracted_record_can_be_created_again_and_the_public_sees_its_new_history(client, admin, editor):
    source = {"id": "test-leaflet", "kind": "official", "title": "Test leaflet", "language": "en"}
    assert client.post("/v1/sources", json=source, headers=editor).status_code == HTTPStatus.CREATED
    etag = client.get("/v1/sources/test-leaflet").headers["ETag"]
    client.delete("/v1/sources/test-leaflet", headers={**admin, "If-Match": etag, "X-Change-Reason": "Duplicate."})
    assert client.post("/v1/sources", json=source, headers=editor).status_code == HTTPStatus.CREATED
    public = client.get("/v1/sources/test-leaflet/revisions").get_json()
    assert [item["action"] for item in public["items"]] == ["create"]
    everything = client.get("/v1/sources/test-leaflet/revisions", headers=admin).get_json()
    assert [item["action"] for item in everything["items"]] == ["create", "retract", "create"]


def test_justifications_and_measures_are_written_with_their_change(app, client, editor, admin):
    quote = {"id": "zz-alert-2024-03-24-second", "quote": "A second quotation.", "language": "en",
             "speaker": "Test Minister", "medium": "statement", "source_id": "test-newspaper"}  # fmt: skip
    response = client.post("/v1/changes/zz-alert-2024-03-24/justifications", json=quote, headers=editor)
    assert response.status_code == HTTPStatus.CREATED
    assert response.headers["Location"] == "/v1/justifications/zz-alert-2024-03-24-second"
    assert response.get_json()["change"] == "zz-alert-2024-03-24"
    again = client.post("/v1/changes/zz-alert-2024-03-24/justifications", json=quote, headers=editor)
    assert_problem(again, HTTPStatus.CONFLICT)
    bad = client.post("/v1/changes/zz-alert-2024-03-24/measures", headers=editor,
                      json={"id": "m", "description": {"en": "x"}, "source_ids": ["nowhere"]})  # fmt: skip
    assert assert_problem(bad, HTTPStatus.UNPROCESSABLE_ENTITY)["errors"][0]["pointer"] == "/source_ids/0"

    url = "/v1/justifications/zz-alert-2024-03-24-second"
    etag = client.get(url).headers["ETag"]
    response = patch(client, url, {"speaker_role": "Minister"}, editor, etag)
    assert response.get_json()["speaker_role"] == "Minister"
    assert_problem(patch(client, url, {"speaker_role": "Other"}, editor, etag), HTTPStatus.PRECONDITION_FAILED)
    etag = response.headers["ETag"]
    assert client.delete(url, headers={**admin, "If-Match": etag, "X-Change-Reason": "Test."}).status_code == 204
    assert_problem(client.get(url), HTTPStatus.GONE)
    history = client.get(url + "/revisions", headers=admin).get_json()["items"]
    assert [item["action"] for item in history] == ["retract", "update", "create"]
    assert history[1]["content"]["speaker_role"] == "Minister"
    change = client.get("/v1/changes/zz-alert-2024-03-24").get_json()
    assert [item["id"] for item in change["justifications"]] == ["zz-alert-2024-03-24-minister"]


def test_revisions_are_listed_newest_first_in_pages(client, editor):
    for reliability in ("First check.", "Second check."):
        etag = client.get("/v1/sources/test-bulletin").headers["ETag"]
        patch(client, "/v1/sources/test-bulletin", {"reliability": reliability}, editor, etag)
    first = client.get("/v1/sources/test-bulletin/revisions?limit=2")
    body = first.get_json()
    assert body["total"] == 3
    assert [item["content"]["reliability"] for item in body["items"]] == ["Second check.", "First check."]
    assert body["items"][0]["created_at"].endswith("Z")
    next_url = first.headers["Link"].split("<")[2].split(">")[0]
    assert [item["action"] for item in client.get(next_url).get_json()["items"]] == ["create"]
    assert_problem(client.get("/v1/sources/never-was/revisions"), HTTPStatus.NOT_FOUND)
    assert_problem(client.get("/v1/sources/test-bulletin/revisions", headers={"Authorization": "Bearer x"}),
                   HTTPStatus.UNAUTHORIZED)  # fmt: skip


def test_an_edit_made_over_the_api_dumps_to_one_file_that_loads_as_is(app, client, editor, tmp_path):
    client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    runner = app.test_cli_runner()
    assert "Wrote 9 files" in runner.invoke(args=["seeds", "dump", "--to", str(tmp_path / "seeds")]).output
    text = (tmp_path / "seeds/changes/zz-alert/2024-06-01.yaml").read_text()
    assert text.startswith("id: zz-alert-2024-06-01\nsystem: zz-alert\nfrom_level: raised\nto_level: low\n")
    app.config["SEEDS_DIR"] = str(tmp_path / "seeds")
    assert runner.invoke(args=["seeds", "load"]).output.startswith("Nothing to write")


def test_an_editor_records_an_event_whose_references_are_checked(client, editor, admin):
    event = {"id": "2024-05-30-test-threat", "kind": "threat", "title": {"en": "Test threat"},
             "occurred_date": "2024-05-30", "source_ids": ["test-bulletin"],
             "perpetrators": [{"name": "Test group", "role": "blamed", "source_ids": ["hearsay"]}]}  # fmt: skip
    body = assert_problem(client.post("/v1/events", json=event, headers=editor), HTTPStatus.UNPROCESSABLE_ENTITY)
    assert body["errors"] == [{"pointer": "/perpetrators/0/source_ids/0", "detail": "unknown source 'hearsay'"}]
    event["perpetrators"][0]["source_ids"] = ["test-bulletin"]
    response = client.post("/v1/events", json=event, headers=editor)
    assert response.status_code == HTTPStatus.CREATED
    assert response.get_json()["sources"][0]["id"] == "test-bulletin"
    url = "/v1/events/2024-03-22-test-attack"  # a trigger of zz-alert-2024-03-24
    headers = {**admin, "If-Match": client.get(url).headers["ETag"], "X-Change-Reason": "Test."}
    body = assert_problem(client.delete(url, headers=headers), HTTPStatus.CONFLICT)
    assert body["errors"] == [{"record": "change zz-alert-2024-03-24", "pointer": "/triggers/0",
                               "detail": "refers to the event '2024-03-22-test-attack'"}]  # fmt: skip


def test_the_reason_comes_from_the_header_in_utf8_or_from_the_body(client, editor):
    raw_utf8 = "Relevé à 21 h 30.".encode().decode("latin-1")  # how a WSGI server hands over UTF-8 header bytes
    response = client.post("/v1/changes", json=NEW_CHANGE, headers={**editor, "X-Change-Reason": raw_utf8})
    assert response.status_code == HTTPStatus.CREATED
    revisions = client.get("/v1/changes/zz-alert-2024-06-01/revisions").get_json()
    assert revisions["items"][0]["reason"] == "Relevé à 21 h 30."
    both = {**NEW_CHANGE, "id": "zz-alert-2024-06-02", "reason": "One reason."}
    response = client.post("/v1/changes", json=both, headers={**editor, "X-Change-Reason": "Another."})
    assert assert_problem(response, HTTPStatus.UNPROCESSABLE_ENTITY)["errors"][0]["pointer"] == "/reason"


def test_patch_also_takes_plain_json(client, editor):
    etag = client.get("/v1/sources/test-bulletin").headers["ETag"]
    response = client.patch(
        "/v1/sources/test-bulletin", json={"author": "Test Clerk"}, headers={**editor, "If-Match": etag}
    )
    assert response.status_code == HTTPStatus.OK and response.get_json()["author"] == "Test Clerk"
    response = client.patch("/v1/sources/test-bulletin", data="author=x", content_type="application/x-www-form-urlencoded",
                            headers={**editor, "If-Match": response.headers["ETag"]})  # fmt: skip
    assert_problem(response, HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
    assert response.headers["Accept-Patch"] == "application/merge-patch+json"


def test_write_answers_carry_the_dataset_revision_they_made_and_their_language(client, editor):
    french = {**editor, "Accept-Language": "fr", "X-Change-Reason": "Test."}
    measure = {
        "id": "zz-alert-2024-06-01-patrols",
        "description": {"fr": "Patrouilles."},
        "source_ids": ["test-bulletin"],
    }
    source = {"id": "test-notice", "kind": "official", "publisher": "Test authority", "title": "Test notice",
              "language": "en", "published_date": "2024-06-01", "url": None}  # fmt: skip
    writes = [
        lambda: client.post("/v1/changes", json=NEW_CHANGE, headers=french),
        lambda: patch(
            client,
            "/v1/changes/zz-alert-2024-06-01",
            {"summary": {"fr": "Abaissé."}},
            french,
            client.get("/v1/changes/zz-alert-2024-06-01").headers["ETag"],
        ),  # fmt: skip
        lambda: client.post("/v1/changes/zz-alert-2024-06-01/measures", json=measure, headers=french),
        lambda: client.post("/v1/sources", json=source, headers=french),
        lambda: client.post(
            "/v1/batch",
            headers=french,
            json={
                "operations": [
                    {
                        "method": "PATCH",
                        "path": "/v1/sources/test-notice",
                        "body": {"title": "Test notice (corrected)"},
                        "if_match": client.get("/v1/sources/test-notice").headers["ETag"],
                    }
                ]
            },
        ),  # fmt: skip
    ]
    for write in writes:
        response = write()
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.CREATED), response.get_json()
        revision = client.get("/v1").get_json()["dataset_revision"]
        body = response.get_json()
        assert (body["dataset_revision"], body["lang"]) == (revision, "fr"), response.request.path
        assert response.headers["Dataset-Revision"] == str(revision) and response.headers["Content-Language"] == "fr"
    assert writes[2]().status_code == HTTPStatus.CONFLICT, "a write that fails is still a problem"
