"""`seeds dump` writes the database back to seed files: a load of the dump writes nothing, and only edited records
change on disk."""

import shutil

import yaml

from api.curation import seeds
from tests.conftest import TEST_SEEDS


def run(app, *args):
    result = app.test_cli_runner().invoke(args=["seeds", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_loading_a_dump_writes_nothing(app, tmp_path):
    target = tmp_path / "dump"
    assert run(app, "dump", "--to", str(target)) == f"Wrote 8 files to {target}, removed 0; 0 unchanged.\n"
    app.config["SEEDS_DIR"] = str(target)
    assert run(app, "check").startswith("8 records in ")
    assert run(app, "load") == "Nothing to write: the database already matches seeds/ (8 records unchanged).\n"


def test_dump_over_the_same_seeds_leaves_every_file_as_it_was(app, tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    assert run(app, "dump", "--to", str(target)).endswith("removed 0; 8 unchanged.\n")
    for path in TEST_SEEDS.rglob("*.yaml"):
        assert (target / path.relative_to(TEST_SEEDS)).read_text() == path.read_text()  # comments kept


def test_dump_rewrites_only_the_edited_record_with_every_field_in_schema_order(app, tmp_path):
    edited = tmp_path / "edited"
    shutil.copytree(TEST_SEEDS, edited)
    path = edited / "sources/test-bulletin.yaml"
    path.write_text(path.read_text().replace("reliability: A fixture.", "reliability: A fixture, checked."))
    with app.app_context():
        assert seeds.load(edited).updated == 1
    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    assert run(app, "dump", "--to", str(target)).startswith(f"Wrote 1 file to {target}, removed 0; 7 unchanged.")
    text = (target / "sources/test-bulletin.yaml").read_text()
    assert list(yaml.safe_load(text)) == ["id", "kind", "publisher", "title", "author", "language", "published_date",
                                          "url", "archive_url", "local_copy", "reliability"]  # fmt: skip
    assert "published_date: 2016-12-01\n" in text and "reliability: A fixture, checked.\n" in text


def test_dump_removes_the_files_of_records_that_are_gone(app, tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    stray = target / "sources/retracted-elsewhere.yaml"
    stray.write_text("id: retracted-elsewhere\n")
    assert run(app, "dump", "--to", str(target)).endswith("removed 1; 8 unchanged.\n")
    assert not stray.exists()
