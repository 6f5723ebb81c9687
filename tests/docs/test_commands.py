"""Every command shown in README.md and docs/ runs, against fixture data, and prints what the documentation shows."""

import difflib
import os
import subprocess

import pytest

from tests.docs.runner import DOCUMENTS, ROOT, commands, dry_run, run_document, shell_commands

DOCUMENTED = [pytest.param(document, id=document.name) for document in DOCUMENTS if commands(document)]


def test_every_guide_has_commands_and_is_linked_from_the_readme():
    readme = DOCUMENTS[0].read_text(encoding="utf-8")
    for document in DOCUMENTS[1:]:
        assert f"docs/{document.name}" in readme, f"README.md does not link docs/{document.name}"
    assert len(readme.encode()) <= 12 * 1024, "README.md is over 12 KB: longer guides go to docs/"


@pytest.mark.parametrize("document", DOCUMENTED)
def test_documented_commands_print_what_the_documentation_shows(document):
    wrong = []
    for command in run_document(document):
        if not command.matches:
            diff = "".join(difflib.unified_diff(command.shown.splitlines(True), command.output.splitlines(True),
                                                "shown", "printed"))  # fmt: skip
            wrong.append(f"{document.name}:{command.line}: $ {command.text}\n{diff}")
    assert not wrong, "\n".join(wrong) + "\n(refresh with: .venv/bin/python -m tests.docs.refresh)"


SHOWN = [pytest.param(command, id=f"{document.name}:{command[:40]}")
         for document in DOCUMENTS for command in shell_commands(document)]  # fmt: skip


@pytest.mark.parametrize("command", SHOWN)
def test_set_up_and_long_commands_exist_as_written(command):
    """The commands shown without output (make targets, benchmarks that take minutes, a server that runs until
    stopped) are not run whole; a dry run shows that each exists with the options shown."""
    argv = dry_run(command)
    if argv is None:
        return
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert done.returncode == 0, f"{' '.join(argv)}: {done.stdout}{done.stderr}"
