"""One JSON line per request, with a request id that the response echoes, and no secrets."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from api.serving.logs import LOGGING


@pytest.fixture
def access_lines(caplog):
    caplog.set_level(logging.INFO, logger="api.access")
    options = dict(LOGGING["formatters"]["json"])
    options.pop("()")
    formatter = JsonFormatter(**options)
    return lambda: [json.loads(formatter.format(record)) for record in caplog.records if record.name == "api.access"]


def test_each_request_is_one_json_line_with_its_id_method_path_status_and_duration(client, access_lines):
    response = client.get("/v1/systems/zz-alert", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    [line] = access_lines()
    assert line["request_id"] == "abc-123"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/v1/systems/zz-alert", 200)
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["logger"] == "api.access" and line["time"]


def test_a_request_without_a_usable_id_gets_a_new_one(client, access_lines):
    first = client.get("/v1", headers={"X-Request-ID": 'bad id "quoted" ' + "x" * 200})
    second = client.get("/v1")
    ids = [first.headers["X-Request-ID"], second.headers["X-Request-ID"]]
    assert len(set(ids)) == 2 and all(len(value) == 32 for value in ids)
    assert [line["request_id"] for line in access_lines()] == ids


def test_errors_are_logged_with_their_status(client, access_lines):
    client.get("/v1/changes?colour=red")
    assert access_lines()[0]["status"] == 400


def test_credentials_never_reach_the_log(client, access_lines, caplog):
    client.get("/v1", headers={"Authorization": "Bearer s3cret-token", "Cookie": "session=s3cret-cookie"})
    assert access_lines()
    assert "s3cret" not in caplog.text
    assert all("s3cret" not in json.dumps(line) for line in access_lines())


def test_a_token_sent_in_the_query_string_never_reaches_the_log(client, tokens, access_lines, caplog):
    token = tokens["admin"]
    for url in (f"/v1/changes?access_token={token}", f"/v1/systems/zz-alert?lang=en&api_key={token}",
                f"/v1/changes?q={token}", f"/v1/sources?publisher=x&TOKEN={token}"):  # fmt: skip
        client.get(url)
        client.get(url)  # the second may be a kept answer, logged by the fast path
    lines = access_lines()
    assert len(lines) == 8
    assert all("[redacted]" in line["query"] for line in lines)
    assert token not in caplog.text and token[4:] not in json.dumps(lines)
    assert lines[2]["query"] == "lang=en&api_key=[redacted]"
