"""The real dataset side by side: every history continuous, every change cited, and GET /v1/levels agreeing with each
system's own level at the instant."""

import datetime

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


SYSTEM_RECORDS = {record.id: record.data for record in records if record.kind == "system"}


def test_every_system_is_listed_with_its_country_in_either_case(client):
    body = client.get("/v1/systems").get_json()
    assert {(system["id"], system["country"]) for system in body["items"]} == {
        (system_id, data["country"]) for system_id, data in SYSTEM_RECORDS.items()}  # fmt: skip
    for country in {data["country"] for data in SYSTEM_RECORDS.values()}:
        listed = [s["id"] for s in client.get(f"/v1/systems?country={country.lower()}").get_json()["items"]]
        assert listed == sorted(i for i, data in SYSTEM_RECORDS.items() if data["country"] == country)


def test_each_record_starts_on_its_first_change_and_not_before(client):
    """One test over every system (loading the real dataset once: it is the costly part)."""
    for system in SYSTEMS:
        first = min((c for c in CHANGES if c["system"] == system and c["from_level"] is None), key=lambda c: c["id"])
        day_before = first["effective_date"] - datetime.timedelta(days=1)
        assert levels(client, day_before.isoformat())[system]["status"] == "before-record", system
        row = levels(client, first["effective_date"].isoformat())[system]
        assert row["status"] in ("in-force", "unreviewed") and row["level"] is not None, system


DAYS = sorted({change["effective_date"] for change in CHANGES if change["scope"]["type"] == "national"})


def test_the_cross_system_view_agrees_with_each_system_on_every_day_a_level_changed(client):
    with client.application.app_context():
        systems = list(System.listed())
    for day in DAYS:
        rows = levels(client, day.isoformat())
        with client.application.app_context():
            for system in systems:
                change = Change.in_force_at(system, day)
                if system.ended_date is not None and day >= system.ended_date:
                    assert (rows[system.id]["status"], rows[system.id]["change_id"]) == ("ended", None), system.id
                    continue
                assert rows[system.id]["change_id"] == (change and change.id), (system.id, day)
