import hashlib
from http import HTTPStatus

import pytest

from tests.helpers import assert_problem

DUMP_URLS = [f"/v1/dataset/dumps/{kind}.{fmt}" for kind in ("changes", "events", "sources", "systems")
             for fmt in ("csv", "ndjson")]  # fmt: skip


def test_dataset_says_what_to_cite_and_under_which_licence(client):
    body = client.get("/v1/dataset").get_json()
    assert (body["dataset_revision"], body["reviewed_through"], body["systems"]) == (
        8,
        "2024-06-30",
        {"zz-alert": "2024-06-30"},
    )
    assert [licence["id"] for licence in body["licences"]] == ["CC-BY-4.0", "MIT"]
    assert "Dataset revision 8, reviewed through 2024-06-30" in body["citation"]
    assert body["bibtex"].startswith("@misc{threat_levels_r8,\n") and "version = {8}" in body["bibtex"]
    assert [dump["url"] for dump in body["dumps"]] == DUMP_URLS


def test_every_dump_is_the_size_and_checksum_the_dataset_announces_whatever_the_language(client):
    announced = {dump["url"]: dump for dump in client.get("/v1/dataset?lang=fr").get_json()["dumps"]}
    for url in DUMP_URLS:
        data = client.get(url, headers={"Accept-Language": "fr"}).data
        assert (len(data), hashlib.sha256(data).hexdigest()) == (announced[url]["bytes"], announced[url]["sha256"]), url


def test_a_dump_is_a_named_download_of_every_record(client):
    response = client.get("/v1/dataset/dumps/changes.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="threat-levels-r8-changes.csv"'
    assert response.headers["Dataset-Revision"] == "8"
    assert response.get_data(as_text=True).count("\r\n") == 5  # a header and the four changes
    lines = client.get("/v1/dataset/dumps/systems.ndjson").get_data(as_text=True).splitlines()
    assert len(lines) == 1 and '"id": "zz-alert"' in lines[0]


def test_checksums_follow_the_dataset_revision(app, client, tmp_path):
    import shutil

    from api.curation import seeds
    from tests.conftest import TEST_SEEDS

    before = {dump["url"]: dump["sha256"] for dump in client.get("/v1/dataset").get_json()["dumps"]}
    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    path = target / "sources/test-bulletin.yaml"
    path.write_text(path.read_text().replace("reliability: A fixture.", "reliability: A corrected fixture."))
    with app.app_context():
        seeds.load(target)
    body = client.get("/v1/dataset").get_json()
    after = {dump["url"]: dump["sha256"] for dump in body["dumps"]}
    assert body["dataset_revision"] == 9
    assert after["/v1/dataset/dumps/sources.csv"] != before["/v1/dataset/dumps/sources.csv"]
    data = client.get("/v1/dataset/dumps/sources.csv").data
    assert hashlib.sha256(data).hexdigest() == after["/v1/dataset/dumps/sources.csv"]


def test_a_dump_answers_304_to_its_etag(client):
    etag = client.get("/v1/dataset/dumps/events.ndjson").headers["ETag"]
    response = client.get("/v1/dataset/dumps/events.ndjson", headers={"If-None-Match": etag})
    assert response.status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.parametrize(
    ("url", "headers", "status"),
    [("/v1/dataset/dumps/changes.xml", {}, 404), ("/v1/dataset/dumps/people.csv", {}, 404),
     ("/v1/dataset/dumps/changes.csv?lang=fr", {}, 400), ("/v1/dataset/dumps/changes.csv", {"Accept": "application/json"}, 406),
     ("/v1/dataset?format=csv", {}, 400)],
)  # fmt: skip
def test_dump_mistakes_are_problems(client, url, headers, status):
    assert_problem(client.get(url, headers=headers), status)
