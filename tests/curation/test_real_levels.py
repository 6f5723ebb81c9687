"""The real dataset side by side: every history continuous, every change cited, and GET /v1/levels agreeing with each
system's own level at the instant."""

import pytest

from api.curation import seeds
from api.curation.history import continuity_errors
from api.curation.seeds import change_step
from api.models import Change, System
from tests.curation.test_seed_files import SEEDS, by_id, records

CHANGES = [record.data for record in records if record.kind == "change"]
SYSTEMS = sorted({change["system"] for change in CHANGES})


@pytest.fixture
def client(empty_app):
    with empty_app.app_context():
        seeds.load(SEEDS)
    return empty_app.test_client()


@pytest.mark.parametrize("system", SYSTEMS)
def test_each_system_history_is_continuous_from_one_start(system):
    steps = [change_step(change) for change in CHANGES if change["system"] == system]
    assert continuity_errors(steps) == []
    assert sum(step.from_level is None for step in steps) == 1


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change["id"])
def test_every_change_has_a_source_with_an_address(change):
    sources = [by_id[source_id].data for source_id in change["source_ids"]]
    assert any(source.get("url") or source.get("archive_url") for source in sources)


def levels(client, at: str) -> dict:
    return {row["system"]: row for row in client.get(f"/v1/levels?at={at}").get_json()["items"]}


def test_the_four_systems_side_by_side_after_the_brussels_and_manchester_bombings(client):
    body = client.get("/v1/systems").get_json()
    assert {(system["id"], system["country"]) for system in body["items"]} == {
        ("be-ocam", "BE"), ("fr-vigipirate", "FR"), ("gb-threat-level", "GB"), ("nl-nctv", "NL")}  # fmt: skip
    assert [s["id"] for s in client.get("/v1/systems?country=nl").get_json()["items"]] == ["nl-nctv"]

    rows = levels(client, "2016-03-23")  # the day after the Brussels bombings; Vigipirate's record starts in December
    assert {system: row["level"] and row["level"]["code"] for system, row in rows.items()} == {
        "be-ocam": "niveau-4", "fr-vigipirate": None, "gb-threat-level": "severe", "nl-nctv": "substantieel-2005"}  # fmt: skip
    assert (rows["fr-vigipirate"]["status"], rows["be-ocam"]["level"]["severity"]) == ("before-record", 1.0)

    rows = levels(client, "2017-05-24")  # the day after the Manchester Arena bombing
    assert (rows["gb-threat-level"]["change_id"], rows["gb-threat-level"]["level"]["severity"]) == (
        "gb-threat-level-2017-05-23", 1.0)  # fmt: skip

    row = levels(client, "2015-11-22")["be-ocam"]  # Brussels at 4 while Belgium is at 3
    assert row["level"]["code"] == "niveau-3"
    assert [(r["areas"], r["level"]["code"]) for r in row["regional"]] == [(["BE-BRU"], "niveau-4")]


DAYS = sorted({change["effective_date"] for change in CHANGES if change["scope"]["type"] == "national"})


def test_the_cross_system_view_agrees_with_each_system_on_every_day_a_level_changed(client):
    with client.application.app_context():
        systems = list(System.listed())
    for day in DAYS:
        rows = levels(client, day.isoformat())
        with client.application.app_context():
            for system in systems:
                change = Change.in_force_at(system, day)
                assert rows[system.id]["change_id"] == (change and change.id), (system.id, day)
