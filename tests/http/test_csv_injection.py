"""CSV cells that a spreadsheet would run as a formula are made inert (OWASP: a leading single quote), in exports
and dumps; JSON and NDJSON keep the exact text."""

import csv
import io
import json
from http import HTTPStatus

import pytest

from api.http.exports import cell

TITLES = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd",
          "\tTabbed", "\rReturned", "Plain = not a formula", "'Quoted already"]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("", ""),
        (-1, "-1"),
        (0.5, "0.5"),
        (None, ""),
        (["=a", "b"], "'=a;b"),
    ],  # fmt: skip
)
def test_a_cell_that_would_run_as_a_formula_is_inert(value, shown):
    assert cell(value) == shown


def test_exports_and_dumps_make_formulas_inert_and_json_keeps_the_text(client, editor):
    for number, title in enumerate(TITLES):
        body = {"id": f"test-formula-{number}", "kind": "official", "publisher": title, "title": title,
                "language": "en", "published_date": "2024-05-01"}  # fmt: skip
        response = client.post("/v1/sources", json=body, headers={**editor, "X-Change-Reason": "Test."})
        assert response.status_code == HTTPStatus.CREATED, response.get_data(as_text=True)
    expected = {f"test-formula-{n}": ("'" + t if t[0] in "=+-@\t\r" else t) for n, t in enumerate(TITLES)}
    for url in ("/v1/sources?format=csv", "/v1/dataset/dumps/sources.csv"):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True), newline=""))}
        assert {key: rows[key]["title"] for key in expected} == expected, url
        assert {key: rows[key]["publisher"] for key in expected} == expected, url
    for url in ("/v1/sources?format=ndjson", "/v1/dataset/dumps/sources.ndjson"):
        lines = [json.loads(line) for line in client.get(url).get_data(as_text=True).splitlines()]
        titles = {line["id"]: line["title"] for line in lines if line["id"].startswith("test-formula-")}
        assert titles == {f"test-formula-{n}": t for n, t in enumerate(TITLES)}, url
    assert client.get("/v1/sources/test-formula-0").get_json()["title"] == TITLES[0]
