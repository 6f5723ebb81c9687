"""Input that either database would refuse is refused the same way on both, with a 4xx problem naming the parameter
or the JSON pointer (never a 500)."""

import base64
import io
import json
from http import HTTPStatus
from urllib.parse import quote

import pytest

from tests.helpers import assert_problem

NEW_SOURCE = {"id": "test-leaflet", "kind": "official", "publisher": "Test Ministry", "title": "A leaflet",
              "language": "en", "published_date": "2024-05-01"}  # fmt: skip


def parameters(response, status=HTTPStatus.BAD_REQUEST) -> list[str]:
    return [error.get("parameter") or error.get("pointer") for error in assert_problem(response, status)["errors"]]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/changes/zz-alert%00", "change_id"),
        ("/v1/sources/test%00bulletin/revisions", "record_id"),
        ("/v1/systems/zz%00/current", "system_id"),
        ("/embed/v1/zz-alert%00.json", "system_id"),
        ("/v1/sources?publisher=%00", "publisher"),
        ("/v1/changes?q=a%00b", "q"),
        ("/v1/changes?cursor=%00", "cursor"),
    ],
)
def test_a_nul_byte_in_a_path_or_a_query_is_a_400_naming_it(client, url, parameter):
    assert parameters(client.get(url)) == [parameter]


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00%2B14:00", "9999-12-31T23:59:59-12:00", "0001-01-01"])
def test_instants_beyond_the_calendar_are_a_400(client, at):
    assert parameters(client.get(f"/v1/levels?at={at}")) == ["at"]
    assert parameters(client.get(f"/v1/systems/zz-alert/level?at={at}")) == ["at"]


def test_a_broken_url_given_to_oembed_is_a_404_problem(client):
    assert_problem(client.get("/oembed?url=http://%5B::1&format=json"), HTTPStatus.NOT_FOUND)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_cursor_holding_a_lone_surrogate_is_a_400(client, fmt):
    cursor = base64.urlsafe_b64encode(b'["next", "-effective", "\\ud800", "x"]').decode().rstrip("=")
    assert parameters(client.get(f"/v1/changes?limit=1&format={fmt}&cursor={cursor}")) == ["cursor"]


@pytest.mark.parametrize(
    ("raw", "pointer"),
    [
        ('{"id": "test-leaflet", "title": "A\\u0000leaflet"}', "/title"),
        ('{"id": "test-leaflet", "title": "A\\ud800leaflet"}', "/title"),
        ('{"id": "test-leaflet", "\\udfff": 1}', "/\ufffd"),
        ('{"id": "test-leaflet", "notes": ' + "[" * 40 + "]" * 40 + "}", "/notes" + "/0" * 32),
    ],
)
def test_unstorable_text_and_depth_in_a_body_are_a_422_naming_the_pointer(client, editor, raw, pointer):
    response = client.post("/v1/sources", data=raw, content_type="application/json", headers=editor)
    assert pointer in parameters(response, HTTPStatus.UNPROCESSABLE_ENTITY)


def test_json_nested_past_the_recursion_limit_is_a_400(client, editor):
    raw = '{"a": ' + "[" * 30_000 + "]" * 30_000 + "}"
    response = client.post("/v1/sources", data=raw, content_type="application/json", headers=editor)
    assert_problem(response, HTTPStatus.BAD_REQUEST)


def test_integers_beyond_their_column_are_a_422(client, editor):
    etag = client.get("/v1/events/2024-03-22-test-attack").headers["ETag"]
    for value, pointer in ((10**4000, "/casualties/0/killed"), (2**63, "/casualties/0/killed"), (2**31, None)):
        body = {"casualties": [{"killed": value, "source_id": "test-bulletin"}]}
        response = client.patch("/v1/events/2024-03-22-test-attack", data=json.dumps(body),
                                content_type="application/merge-patch+json", headers={**editor, "If-Match": etag})  # fmt: skip
        found = parameters(response, HTTPStatus.UNPROCESSABLE_ENTITY)
        assert pointer is None or pointer in found
    assert client.get("/v1/events/2024-03-22-test-attack").headers["ETag"] == etag  # nothing was written


def test_a_nul_byte_in_a_written_string_is_refused_alike_on_both_databases(client, editor):
    body = json.dumps({**NEW_SOURCE, "publisher": "Test\x00Ministry"})
    response = client.post("/v1/sources", data=body, content_type="application/json",
                           headers={**editor, "X-Change-Reason": "Test."})  # fmt: skip
    assert parameters(response, HTTPStatus.UNPROCESSABLE_ENTITY) == ["/publisher"]
    assert client.get("/v1/sources/test-leaflet").status_code == HTTPStatus.NOT_FOUND
    quoted = quote("/v1/sources/test-leaflet")
    assert client.get(quoted).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("chunked", [True, False])
def test_a_body_over_the_limit_is_a_413_whether_chunked_or_not(client, editor, chunked):
    big = json.dumps({**NEW_SOURCE, "notes": "a" * 70_000}).encode()
    headers = {**editor, "Content-Type": "application/json", "X-Change-Reason": "Test."}
    if chunked:  # no Content-Length: the server says where the body ends (gunicorn sets wsgi.input_terminated)
        response = client.post("/v1/sources", input_stream=io.BytesIO(big), headers={**headers, "Transfer-Encoding": "chunked"},
                               environ_overrides={"wsgi.input_terminated": True})  # fmt: skip
    else:
        response = client.post("/v1/sources", data=big, headers=headers)
    assert_problem(response, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    small = json.dumps(NEW_SOURCE).encode()
    response = client.post("/v1/sources", input_stream=io.BytesIO(small), headers={**headers, "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})  # fmt: skip
    assert response.status_code == HTTPStatus.CREATED, response.get_data(as_text=True)
