"""Named releases: frozen by the CLI, listed with their citations, served byte for byte, valid Frictionless packages."""

import csv
import hashlib
import io
import json
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest

from api.datapackage import COLUMNS, FIELDS
from tests.helpers import assert_problem
from tests.v1.test_curation import patch

FROZEN = ["changes.csv", "changes.ndjson", "events.csv", "events.ndjson", "sources.csv", "sources.ndjson",
          "systems.csv", "systems.ndjson", "datapackage.json"]  # fmt: skip
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def freeze(app, name: str):
    return app.test_cli_runner().invoke(args=["releases", "freeze", name])


def download(client, release: dict, folder: Path) -> Path:
    """Every file of a release into `folder`, checked against its announced size and checksum."""
    for item in release["files"]:
        data = client.get(item["url"]).data
        assert (len(data), hashlib.sha256(data).hexdigest()) == (item["bytes"], item["sha256"]), item["name"]
        (folder / item["name"]).write_bytes(data)
    return folder / "datapackage.json"


def test_a_frozen_release_is_listed_with_its_files_and_citation(app, client):
    assert client.get("/v1/dataset/releases").get_json()["items"] == []  # kept by the cache? it must not be
    result = freeze(app, "2026.12")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Froze release 2026.12 at dataset revision 8:\n")
    body = client.get("/v1/dataset/releases").get_json()
    [release] = body["items"]
    assert (release["name"], release["revision"], release["reviewed_through"]) == ("2026.12", 8, "2024-06-30")
    assert [item["name"] for item in release["files"]] == FROZEN
    assert release["citation"]["bibtex"].startswith("@misc{threat_levels_2026_12,\n")
    assert (
        "version = {2026.12}" in release["citation"]["bibtex"] and "dataset revision 8" in release["citation"]["bibtex"]
    )
    assert "release 2026.12, dataset revision 8" in release["citation"]["text"]
    csl = release["citation"]["csl"]
    assert (csl["type"], csl["version"], csl["author"]) == (
        "dataset",
        "2026.12",
        [{"literal": "Threat Levels API contributors"}],
    )
    assert "dataset revision 8" in csl["note"]
    assert client.get("/v1/dataset/releases/2026.12").get_json()["files"] == release["files"]


def test_release_files_are_the_dumps_of_their_revision_and_never_change(app, client, editor, tmp_path):
    freeze(app, "2026.12")
    release = client.get("/v1/dataset/releases/2026.12").get_json()
    dumps = {dump["url"].rsplit("/", 1)[1]: dump["sha256"] for dump in client.get("/v1/dataset").get_json()["dumps"]}
    assert {item["name"]: item["sha256"] for item in release["files"] if item["name"] in dumps} == dumps
    response = client.get("/v1/dataset/releases/2026.12/changes.csv")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Dataset-Revision"] == "8" and response.mimetype == "text/csv"
    assert response.headers["ETag"] == f'"{hashlib.sha256(response.data).hexdigest()}"'
    url = "/v1/changes/zz-alert-2024-05-10"
    corrected = {"summary": {"en": "Corrected after the release."}}
    assert patch(client, url, corrected, editor, client.get(url).headers["ETag"]).status_code == HTTPStatus.OK
    assert client.get("/v1/dataset/releases/2026.12/changes.csv").data == response.data
    assert freeze(app, "2027.01").exit_code == 0
    releases = client.get("/v1/dataset/releases").get_json()["items"]
    assert [(item["name"], item["revision"]) for item in releases] == [("2027.01", 9), ("2026.12", 8)]
    newer = {item["name"]: item["sha256"] for item in releases[0]["files"]}
    assert newer["changes.csv"] != hashlib.sha256(response.data).hexdigest()


def test_frictionless_validate_passes_on_a_release_and_fails_on_a_tampered_one(app, client, tmp_path):
    freeze(app, "2026.12")
    package = download(client, client.get("/v1/dataset/releases/2026.12").get_json(), tmp_path)
    run = subprocess.run(
        [FRICTIONLESS, "validate", "--json", package.name], cwd=tmp_path, capture_output=True, text=True
    )
    report = json.loads(run.stdout)
    assert report["valid"], run.stdout[:2000]
    assert len(report["tasks"]) == 8
    tampered = tmp_path / "sources.csv"
    tampered.write_bytes(tampered.read_bytes().replace(b"A fixture.", b"B fixture."))
    run = subprocess.run(
        [FRICTIONLESS, "validate", "--json", package.name], cwd=tmp_path, capture_output=True, text=True
    )
    assert not json.loads(run.stdout)["valid"]
    assert "hash-count" in run.stdout


def test_the_datapackage_describes_every_column_of_every_csv(app, client):
    freeze(app, "2026.12")
    package = client.get("/v1/dataset/releases/2026.12/datapackage.json").get_json()
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["sources"] and package["version"] == "2026.12"
    for resource in package["resources"]:
        assert resource["hash"].startswith("sha256:") and resource["bytes"] > 0
        if resource["format"] != "csv":
            continue
        header = next(
            csv.reader(
                io.StringIO(client.get(f"/v1/dataset/releases/2026.12/{resource['path']}").get_data(as_text=True))
            )
        )
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert all(field["description"] and field["type"] for field in resource["schema"]["fields"])


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_every_dump_column_has_a_type_and_a_meaning(kind):
    assert list(FIELDS[kind]) == list(COLUMNS[kind])


def test_a_release_name_is_checked_and_never_reused(app, client):
    assert freeze(app, "2026.12").exit_code == 0
    again = freeze(app, "2026.12")
    assert again.exit_code == 1 and "exists" in again.output
    bad = freeze(app, "../etc")
    assert bad.exit_code == 1 and "not a release name" in bad.output
    assert len(client.get("/v1/dataset/releases").get_json()["items"]) == 1


def test_unknown_releases_and_files_are_404_problems(app, client):
    freeze(app, "2026.12")
    assert "2099.01" in assert_problem(client.get("/v1/dataset/releases/2099.01"), HTTPStatus.NOT_FOUND)["detail"]
    assert_problem(client.get("/v1/dataset/releases/2099.01/changes.csv"), HTTPStatus.NOT_FOUND)
    body = assert_problem(client.get("/v1/dataset/releases/2026.12/secrets.csv"), HTTPStatus.NOT_FOUND)
    assert "secrets.csv" in body["detail"]
    assert_problem(client.get("/v1/dataset/releases?colour=red"), HTTPStatus.BAD_REQUEST)
