"""Command line: `flask --app api seeds check|load|dump`, `flask --app api db upgrade|status`."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from api import db, seeds

seeds_cli = AppGroup("seeds", help="Validate and load the curated dataset in seeds/.")
db_cli = AppGroup("db", help="Create or upgrade the database schema.")


def seeds_dir() -> Path:
    return Path(current_app.config.get("SEEDS_DIR") or Path(current_app.root_path).parent / "seeds")


def report_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(f"{len(problems)} problem(s) in {seeds_dir()}; nothing was written.")


@seeds_cli.command("check")
def check_seeds():
    """Validate every seed file and report every problem, with file, record and field."""
    try:
        records = seeds.check(seeds_dir())
    except seeds.SeedErrors as exc:
        report_problems(exc.problems)
    click.echo(f"{len(records)} records in {seeds_dir()}: all valid.")


@seeds_cli.command("load")
@click.option("--author", default="seeds", show_default=True, help="Recorded as the author of each revision.")
def load_seeds(author):
    """Validate everything, then write it in one transaction (creating the schema on a new database)."""
    try:
        report = seeds.load(seeds_dir(), author=author)
    except seeds.SeedErrors as exc:
        report_problems(exc.problems)
    if report.written:
        click.echo(f"Wrote {report.written} records ({report.created} created, {report.updated} updated); "
                   f"{report.unchanged} unchanged.")  # fmt: skip
    else:
        click.echo(f"Nothing to write: the database already matches seeds/ ({report.unchanged} records unchanged).")


@seeds_cli.command("dump")
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write here instead of the seeds folder.")  # fmt: skip
def dump_seeds(target):
    """Write the database back to seed files, one record per file; unchanged files are left as they are."""
    target = target or seeds_dir()
    report = seeds.dump(target)
    click.echo(f"Wrote {report.written} files to {target}, removed {report.removed}; {report.unchanged} unchanged.")


@db_cli.command("upgrade")
@click.option("--to", "target", default=None, help="Stop after this migration (e.g. 0001_initial).")
def upgrade_database(target):
    """Apply pending schema migrations in place, keeping the data."""
    applied = db.upgrade(target)
    click.echo("\n".join(f"applied {name}" for name in applied) or "The schema is up to date.")


@db_cli.command("status")
def database_status():
    """List pending migrations; exits 1 when some are pending."""
    pending = db.pending_migrations()
    click.echo("\n".join(f"pending {name}" for name in pending) or "The schema is up to date.")
    if pending:
        raise click.exceptions.Exit(1)


def init_app(app: Flask) -> None:
    app.cli.add_command(seeds_cli)
    app.cli.add_command(db_cli)
