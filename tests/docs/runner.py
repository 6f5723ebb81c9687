"""Run the commands the documentation shows, and compare what they print with what it shows.

Each ```console block of README.md and docs/*.md is a shell session: `$ ` starts a command (continued over the next
lines while a quote, a trailing backslash or a here-document is open), and the lines up to the next command are what
it prints; `...` stands for any text (doctest's ELLIPSIS). The commands of one file run in order in one bash process,
in a scratch folder that links the repository's `.venv`, `tests` and `gunicorn.conf.py`, with a server on the
frozen snapshot of the dataset (tests/data/snapshot) where the documentation says 127.0.0.1:8000. Ports and scratch
paths the documentation shows (127.0.0.1:8000, 127.0.0.1:8001, /tmp/demo) are mapped to free ones and back.
"""

import doctest
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SNAPSHOT = ROOT / "tests" / "data" / "snapshot"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.M | re.S)
HEREDOC = re.compile(r"<<-?\s*'?\"?(\w+)'?\"?")
SHOWN_PORTS = ("8000", "8001")
MARK = "\x1e{}\x1e"
CHECKER = doctest.OutputChecker()


@dataclass
class Command:
    text: str  # as shown, without the prompt
    shown: str  # the output shown under it
    line: int  # where it starts in its document
    output: str = field(default="", compare=False)  # what it printed, mapped back to the shown ports and paths

    @property
    def matches(self) -> bool:
        return CHECKER.check_output(self.shown, self.output, doctest.ELLIPSIS)


def complete(text: str) -> bool:
    """Whether a command's text is whole: no open quote, no trailing backslash, every here-document closed."""
    if text.endswith("\\"):
        return False
    for terminator in HEREDOC.findall(text.splitlines()[0]):
        if terminator not in text.splitlines()[1:]:
            return False
    if HEREDOC.search(text.splitlines()[0]):
        return True
    try:
        shlex.split(text)
    except ValueError:
        return False
    return True


def commands(document: Path) -> list[Command]:
    """The commands of a document's console blocks, with the output shown under each."""
    text = document.read_text(encoding="utf-8")
    found = []
    for block in BLOCK.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        lines = block.group(1).splitlines()
        index = 0
        while index < len(lines):
            if not lines[index].startswith("$ "):
                raise ValueError(f"{document.name}:{first_line + index}: a console block starts with a `$ ` command")
            start, command = index, lines[index][2:]
            index += 1
            while not complete(command):
                if index == len(lines):
                    raise ValueError(f"{document.name}:{first_line + start}: the command never ends")
                command += "\n" + lines[index]
                index += 1
            shown = []
            while index < len(lines) and not lines[index].startswith("$ "):
                shown.append(lines[index])
                index += 1
            found.append(Command(command, "\n".join(shown) + "\n" if shown else "", first_line + start))
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Session:
    """A scratch folder, the ports and paths the documents show mapped to real ones, and a server on the snapshot."""

    def __init__(self, folder: Path):
        self.folder = folder
        for name in (".venv", "tests", "gunicorn.conf.py", "seeds"):
            (folder / name).symlink_to(ROOT / name)
        self.mapping = {f"127.0.0.1:{port}": f"127.0.0.1:{free_port()}" for port in SHOWN_PORTS}
        self.mapping["/tmp/demo"] = str(folder / "demo")
        (folder / "demo").mkdir()
        self.server = None

    def to_real(self, text: str) -> str:
        for shown, real in self.mapping.items():
            text = text.replace(shown, real)
        return text

    def to_shown(self, text: str) -> str:
        for shown, real in self.mapping.items():
            text = text.replace(real, shown)
        return text

    def environment(self) -> dict:
        drop = ("DATABASE_URL", "SEEDS_DIR", "PUBLIC_URL", "CACHE_PURGE_URLS", "FLASK_APP")
        env = {key: value for key, value in os.environ.items() if key not in drop}
        path = f"{ROOT / '.venv' / 'bin'}:{env.get('PATH', '')}"
        return {**env, "PATH": path, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1",
                "WEB_CONCURRENCY": "1", "LOG_LEVEL": "WARNING", "RATELIMIT_ENABLED": "false"}  # fmt: skip

    def start_server(self) -> None:
        """What `make serve` does, on the snapshot, where the documents say 127.0.0.1:8000."""
        env = {**self.environment(), "DATABASE_URL": f"sqlite:///{self.folder / 'snapshot.sqlite3'}",
               "SEEDS_DIR": str(SNAPSHOT)}  # fmt: skip
        python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable
        loaded = subprocess.run([python, "-m", "flask", "--app", "api", "seeds", "load"], cwd=self.folder, env=env,
                                capture_output=True, text=True, timeout=300)  # fmt: skip
        if loaded.returncode:
            raise RuntimeError(f"loading the snapshot failed: {loaded.stdout}{loaded.stderr}")
        address = self.mapping["127.0.0.1:8000"]
        self.server = subprocess.Popen(
            [python, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", address, "api:create_app()"],
            cwd=self.folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://{address}/healthz", timeout=2).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.server.poll() is not None:
                    raise RuntimeError("the documentation's server did not start") from None
                time.sleep(0.2)

    def run(self, found: list[Command], timeout: float = 300) -> None:
        """Run the commands in order in one bash process; set each one's `output`."""
        script = ["exec 2>&1", "set +e"]
        for index, command in enumerate(found):
            script += [f"printf '\\n{MARK.format(index)}\\n'", self.to_real(command.text)]
        script.append(f"printf '\\n{MARK.format('end')}\\n'")
        log = self.folder / "session.log"  # a file, not a pipe: a server the session starts keeps its copy open
        with log.open("wb") as printed:
            shell = subprocess.Popen(["bash", "-c", "\n".join(script)], cwd=self.folder, env=self.environment(),
                                     stdout=printed, stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
            try:
                shell.wait(timeout=timeout)
            finally:
                stop(shell)  # and whatever it left running in the background (a server the session started)
        text = log.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")  # HTTP headers end in CRLF
        for index, command in enumerate(found):
            after = text.split(f"\n{MARK.format(index)}\n", 1)[-1]
            following = MARK.format(index + 1) if index + 1 < len(found) else MARK.format("end")
            command.output = self.to_shown(after.split(f"\n{following}\n", 1)[0].rstrip("\n"))
            command.output += "\n" if command.output else ""

    def close(self) -> None:
        if self.server is not None:
            stop(self.server)


def stop(process: subprocess.Popen) -> None:
    """End a process and its whole session (process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_document(document: Path) -> list[Command]:
    """Every command of a document, run, with what it printed."""
    found = commands(document)
    if not found:
        return found
    with tempfile.TemporaryDirectory(prefix="docs-") as scratch:
        session = Session(Path(scratch))
        try:
            session.start_server()
            session.run(found)
        finally:
            session.close()
    return found


SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)


def shell_commands(document: Path) -> list[str]:
    """The commands of a document's ```sh blocks (set-up and long runs the reader types, without their output)."""
    found = []
    for block in SHELL_BLOCK.finditer(document.read_text(encoding="utf-8")):
        for line in block.group(1).splitlines():
            command = line.split("  #", 1)[0].strip()
            if command and not command.startswith("#"):
                found.append(command)
    return found


def dry_run(command: str) -> list[str] | None:
    """A quick run that proves a long or set-up command exists as written: `make -n` for make targets, `--help` for
    the app's CLI, gunicorn and the benchmarks; None for a line that only sets the environment."""
    words = shlex.split(command)
    if words[0] == "export":
        return None
    if words[0] == "make":
        return ["make", "-n", *words[1:]]
    if words[0].startswith(".venv/bin/"):
        program = str(ROOT / words[0])
        if words[1:3] == ["--app", "api"]:
            subcommands = [word for word in words[3:] if not word.startswith("-")][:2]
            return [program, "--app", "api", *subcommands, "--help"]
        if words[1:2] == ["-m"]:
            return [program, "-m", words[2], "--help"]
        return [program, "--help"]
    raise ValueError(f"no dry run known for {command!r}: show it in a console block, run for real")
