"""Rewrite the outputs shown in README.md and docs/ with what their commands print now (as cog does for datasette's
docs): `.venv/bin/python -m tests.docs.refresh [FILE ...]`. Shown outputs with `...` that still match are kept."""

import sys
from pathlib import Path

from tests.docs.runner import DOCUMENTS, run_document


def refresh(document: Path) -> int:
    text = document.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    changed = 0
    for command in reversed(run_document(document)):  # from the end, so earlier line numbers stay right
        if command.matches:
            continue
        start = command.line - 1 + command.text.count("\n") + 1
        end = start + len(command.shown.splitlines())
        lines[start:end] = command.output.splitlines(keepends=True)
        changed += 1
    document.write_text("".join(lines), encoding="utf-8")
    return changed


if __name__ == "__main__":
    for document in [Path(name).resolve() for name in sys.argv[1:]] or DOCUMENTS:
        print(f"{document.name}: {refresh(document)} outputs rewritten")
