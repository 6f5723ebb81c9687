"""The CLI, through Flask's runner: what a curator sees."""

import shutil

from tests.conftest import TEST_SEEDS


def test_seeds_check_says_all_valid(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["seeds", "check"])
    assert result.exit_code == 0
    assert result.output.startswith("8 records in ")
    assert result.output.endswith(": all valid.\n")


def test_seeds_load_twice_says_nothing_was_written_the_second_time(empty_app):
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["seeds", "load"]).output == "Wrote 8 records (8 created, 0 updated); 0 unchanged.\n"
    second = runner.invoke(args=["seeds", "load"])
    assert second.output == "Nothing to write: the database already matches seeds/ (8 records unchanged).\n"


def test_seeds_check_lists_every_problem_with_file_record_and_field(empty_app, tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    path = target / "sources/test-bulletin.yaml"
    path.write_text(path.read_text().replace("language: en", "language: English"))
    empty_app.config["SEEDS_DIR"] = str(target)
    result = empty_app.test_cli_runner().invoke(args=["seeds", "load"])
    assert result.exit_code == 1
    assert (
        "seeds/sources/test-bulletin.yaml: record test-bulletin: field /language: Must be an ISO 639-1 code"
        in result.output
    )
    assert "1 problem(s)" in result.output and "nothing was written" in result.output
