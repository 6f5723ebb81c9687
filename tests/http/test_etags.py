"""ETags: one per representation's bytes (language, format, dataset revision), every content coding of it accepted
by If-Match, and a failed If-Match on a GET a 412 problem whether the answer is kept or not."""

import json
from http import HTTPStatus

import pytest

from tests.helpers import assert_problem

RECORD = "/v1/changes/zz-alert-2024-03-24"
OTHER = "/v1/changes/zz-alert-2024-05-10"
MERGE_PATCH = "application/merge-patch+json"


def patch(client, url, body, headers, etag):
    return client.patch(url, data=json.dumps(body), content_type=MERGE_PATCH, headers={**headers, "If-Match": etag})


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_a_patch_with_the_etag_of_a_compressed_answer_succeeds(client, editor, coding):
    read = client.get(RECORD, headers={"Accept-Encoding": coding})
    assert read.headers["Content-Encoding"] == coding and read.headers["ETag"].endswith(f':{coding}"')
    written = patch(client, RECORD, {"notes": "Checked."}, editor, read.headers["ETag"])
    assert written.status_code == HTTPStatus.OK, written.get_data(as_text=True)
    stale = patch(client, RECORD, {"notes": "Checked twice."}, editor, read.headers["ETag"])
    assert_problem(stale, HTTPStatus.PRECONDITION_FAILED)  # the record changed since: no lost update


def test_a_records_etag_changes_with_its_bytes_after_an_unrelated_write(client, editor):
    before = client.get(RECORD)
    other = client.get(OTHER).headers["ETag"]
    assert patch(client, OTHER, {"notes": "Unrelated."}, editor, other).status_code == HTTPStatus.OK
    after = client.get(RECORD)
    assert after.get_json()["dataset_revision"] != before.get_json()["dataset_revision"]
    assert after.headers["ETag"] != before.headers["ETag"]
    assert client.get(RECORD, headers={"If-None-Match": before.headers["ETag"]}).status_code == HTTPStatus.OK
    # The record itself did not change: its old ETag still allows an edit (no spurious conflict).
    assert patch(client, RECORD, {"notes": "Mine."}, editor, before.headers["ETag"]).status_code == HTTPStatus.OK


def test_languages_and_formats_get_their_own_etags(client):
    english, french = client.get(RECORD + "?lang=en"), client.get(RECORD + "?lang=fr")
    assert english.headers["ETag"] != french.headers["ETag"]
    again = client.get(RECORD + "?lang=fr", headers={"If-None-Match": english.headers["ETag"]})
    assert again.status_code == HTTPStatus.OK and again.get_json()["lang"] == "fr"
    by_header = client.get(RECORD, headers={"Accept-Language": "fr", "If-None-Match": english.headers["ETag"]})
    assert by_header.status_code == HTTPStatus.OK
    tags = {client.get(f"/v1/changes?limit=2&format={name}").headers["ETag"] for name in ("json", "csv", "ndjson")}
    assert len(tags) == 3


def test_if_none_match_holds_across_content_codings(client):
    identity = client.get(RECORD).headers["ETag"]
    compressed = client.get(RECORD, headers={"Accept-Encoding": "gzip", "If-None-Match": identity})
    assert compressed.status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.parametrize("kept", [False, True])
@pytest.mark.parametrize("url", [RECORD, "/v1/systems/zz-alert", "/v1/changes?limit=1"])
def test_a_get_with_a_failed_if_match_is_a_412_problem(client, url, kept):
    etag = client.get(url, headers={"Accept-Encoding": "gzip"}).headers["ETag"]
    if kept:
        client.get(url)
    assert_problem(client.get(url, headers={"If-Match": '"rev-0.nothing"'}), HTTPStatus.PRECONDITION_FAILED)
    assert client.get(url, headers={"If-Match": etag}).status_code == HTTPStatus.OK  # the gzip tag, answered plain
    assert client.get(url, headers={"If-Match": "*"}).status_code == HTTPStatus.OK


def test_an_empty_entity_tag_in_a_condition_matches_nothing(client):
    """`If-None-Match: ""` (found by the contract fuzz): a 200, not a 500; `If-Match: ""` a 412 problem."""
    assert client.get("/v1", headers={"If-None-Match": '""'}).status_code == HTTPStatus.OK
    assert client.get("/v1/systems/zz-alert", headers={"If-None-Match": '"", W/""'}).status_code == HTTPStatus.OK
    assert client.get("/v1/systems/zz-alert", headers={"If-Match": '""'}).status_code == HTTPStatus.PRECONDITION_FAILED
