"""The seed loader: every kind of bad file is rejected with file, record and field, and nothing is written."""

import shutil
from pathlib import Path

import pytest
import yaml

from api.curation import seeds
from api.models import Change, Revision, Source
from tests.conftest import TEST_SEEDS

CHANGE = "changes/zz-alert/2024-03-24.yaml"


@pytest.fixture
def seeds_dir(tmp_path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    return target


def edit(seeds_dir: Path, name: str, **changes) -> None:
    path = seeds_dir / name
    data = yaml.load(path.read_text(), Loader=seeds.DatesAsText)
    for key, value in changes.items():
        if value is ...:
            del data[key]
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def problems_of(seeds_dir: Path) -> list[seeds.SeedProblem]:
    with pytest.raises(seeds.SeedErrors) as caught:
        seeds.check(seeds_dir)
    return caught.value.problems


def assert_nothing_written(empty_app, seeds_dir):
    with empty_app.app_context():
        with pytest.raises(seeds.SeedErrors):
            seeds.load(seeds_dir)
        assert Revision.select().count() == 0
        assert Source.select().count() == 0


def test_load_writes_every_record_with_a_revision(empty_app):
    with empty_app.app_context():
        report = seeds.load(TEST_SEEDS)
        assert (report.created, report.updated, report.unchanged) == (8, 0, 0)
        assert Revision.select().count() == 8
        revision = Revision.latest_for("change", "zz-alert-2024-03-24")
        assert revision.action == "create"
        assert revision.content["justifications"][0]["quote"] == "We raise the level."


def test_loading_twice_writes_nothing_the_second_time(empty_app):
    with empty_app.app_context():
        seeds.load(TEST_SEEDS)
        report = seeds.load(TEST_SEEDS)
        assert (report.written, report.unchanged) == (0, 8)
        assert Revision.select().count() == 8


def test_an_edited_record_is_updated_with_one_new_revision(empty_app, seeds_dir):
    with empty_app.app_context():
        seeds.load(seeds_dir)
        edit(seeds_dir, CHANGE, notes="Checked again.")
        report = seeds.load(seeds_dir)
        assert (report.created, report.updated, report.unchanged) == (0, 1, 7)
        assert Change.get_by_id("zz-alert-2024-03-24").notes == "Checked again."
        assert Revision.latest_for("change", "zz-alert-2024-03-24").action == "update"


def test_load_creates_the_schema_on_a_new_empty_database(tmp_path):
    from api import create_app
    from api.db import database

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"})
    with app.app_context():
        assert seeds.load(TEST_SEEDS).created == 8
        assert database.obj.table_exists("change")


def test_malformed_yaml(empty_app, seeds_dir):
    (seeds_dir / CHANGE).write_text("id: [unclosed\n")
    [problem] = problems_of(seeds_dir)
    assert problem.file == "seeds/" + CHANGE
    assert "malformed YAML (line 2" in problem.message
    assert_nothing_written(empty_app, seeds_dir)


def test_missing_required_field(empty_app, seeds_dir):
    edit(seeds_dir, CHANGE, effective_date=...)
    [problem] = problems_of(seeds_dir)
    assert (problem.file, problem.record, problem.field) == (
        "seeds/" + CHANGE,
        "zz-alert-2024-03-24",
        "/effective_date",
    )
    assert "Missing data" in problem.message
    assert_nothing_written(empty_app, seeds_dir)


def test_every_problem_is_reported_at_once(seeds_dir):
    edit(seeds_dir, CHANGE, effective_date=..., summary=...)
    edit(seeds_dir, "sources/test-bulletin.yaml", language="French")
    fields = {(problem.record, problem.field) for problem in problems_of(seeds_dir)}
    assert fields == {("zz-alert-2024-03-24", "/effective_date"), ("zz-alert-2024-03-24", "/summary"),
                      ("test-bulletin", "/language")}  # fmt: skip


def test_unknown_field_is_rejected(seeds_dir):
    edit(seeds_dir, CHANGE, colour="red")
    [problem] = problems_of(seeds_dir)
    assert (problem.field, problem.message) == ("/colour", "Unknown field.")


def test_unknown_system(empty_app, seeds_dir):
    edit(seeds_dir, CHANGE, system="xx-nothing")
    problem = next(p for p in problems_of(seeds_dir) if p.field == "/system")
    assert problem.message == "unknown system 'xx-nothing'"
    assert_nothing_written(empty_app, seeds_dir)


def test_unknown_level(empty_app, seeds_dir):
    edit(seeds_dir, CHANGE, to_level="catastrophic")
    problem = next(p for p in problems_of(seeds_dir) if p.field == "/to_level")
    assert problem.message == "unknown level 'catastrophic' in system 'zz-alert'"
    assert_nothing_written(empty_app, seeds_dir)


def test_duplicate_id(empty_app, seeds_dir):
    copy = seeds_dir / "sources/sub/test-bulletin.yaml"
    copy.parent.mkdir()
    shutil.copy(seeds_dir / "sources/test-bulletin.yaml", copy)
    problems = problems_of(seeds_dir)
    assert {p.file for p in problems} == {"seeds/sources/test-bulletin.yaml", "seeds/sources/sub/test-bulletin.yaml"}
    assert all(p.message == "duplicate source id 'test-bulletin'" for p in problems)
    assert_nothing_written(empty_app, seeds_dir)


def test_id_must_match_the_file_name(seeds_dir):
    edit(seeds_dir, "sources/test-bulletin.yaml", id="another-name")
    [problem] = problems_of(seeds_dir)
    assert (problem.field, problem.message) == ("/id", "must match the file name: expected 'test-bulletin'")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source_ids": ["nowhere"]}, "/source_ids/0", "unknown source 'nowhere'"),
        ({"triggers": ["no-such-event"]}, "/triggers/0", "unknown event 'no-such-event'"),
        ({"from_level": "nothing"}, "/from_level", "unknown level 'nothing' in system 'zz-alert'"),
    ],
)
def test_reference_to_a_missing_record(empty_app, seeds_dir, changes, field, message):
    edit(seeds_dir, CHANGE, **changes)
    assert any((p.field, p.message) == (field, message) for p in problems_of(seeds_dir))
    assert_nothing_written(empty_app, seeds_dir)


@pytest.mark.parametrize("value", ["2024-02-30", "24 March 2024", "yesterday", "2024-3-24"])
def test_a_date_that_is_not_a_date(empty_app, seeds_dir, value):
    edit(seeds_dir, CHANGE, effective_date=value)
    [problem] = problems_of(seeds_dir)
    assert (problem.field, problem.message) == ("/effective_date", "Not a valid date.")
    assert_nothing_written(empty_app, seeds_dir)


def test_an_instant_without_offset_or_on_another_day(seeds_dir):
    edit(seeds_dir, CHANGE, announced_at="2024-03-24T20:30:00")
    [problem] = problems_of(seeds_dir)
    assert problem.field == "/announced_at" and "UTC offset" in problem.message
    edit(seeds_dir, CHANGE, announced_at="2024-03-24T23:30:00-05:00")
    [problem] = problems_of(seeds_dir)
    assert problem.message == "falls on 2024-03-25 in Europe/Paris, not on announced_date 2024-03-24"


def test_from_level_must_be_the_level_in_force_just_before(empty_app, seeds_dir):
    edit(seeds_dir, "changes/zz-alert/2024-05-01.yaml", from_level="low")
    [problem] = problems_of(seeds_dir)
    assert (problem.record, problem.field) == ("zz-alert-2024-05-01", "/from_level")
    assert (
        problem.message == "from_level must be 'top', the level set by zz-alert-2024-03-24 just before it (got 'low')."
    )
    assert_nothing_written(empty_app, seeds_dir)


def test_only_the_first_change_may_lack_a_from_level(seeds_dir):
    edit(seeds_dir, "changes/zz-alert/2024-05-01.yaml", from_level=None)
    [problem] = problems_of(seeds_dir)
    assert (problem.record, problem.field) == ("zz-alert-2024-05-01", "/from_level")


def test_a_regional_change_starts_from_the_level_in_force_in_its_area(seeds_dir):
    edit(seeds_dir, "changes/zz-alert/2024-05-10.yaml", from_level="top")
    [problem] = problems_of(seeds_dir)
    assert problem.message == "from_level must be 'raised', the level in force in ZZ-01 before it."


def test_a_quotation_with_no_source(empty_app, seeds_dir):
    path = seeds_dir / CHANGE
    data = yaml.load(path.read_text(), Loader=seeds.DatesAsText)
    del data["justifications"][0]["source_id"]
    path.write_text(yaml.safe_dump(data))
    [problem] = problems_of(seeds_dir)
    assert (problem.field, problem.message) == ("/justifications/0/source_id", "Missing data for required field.")
    assert_nothing_written(empty_app, seeds_dir)


def test_a_quotation_citing_an_unknown_source(seeds_dir):
    path = seeds_dir / CHANGE
    data = yaml.load(path.read_text(), Loader=seeds.DatesAsText)
    data["justifications"][0]["source_id"] = "hearsay"
    path.write_text(yaml.safe_dump(data))
    [problem] = problems_of(seeds_dir)
    assert (problem.field, problem.message) == ("/justifications/0/source_id", "unknown source 'hearsay'")
