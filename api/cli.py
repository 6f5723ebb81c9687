"""Command line: `flask --app api seeds check|load|dump`, `tokens create|list|revoke`, `db upgrade|status`,
`releases freeze|list` (in api/releases.py)."""

import re
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from api import auth, db, releases
from api.curation import seeds
from api.models import Revision, Token
from api.serving import cache_tier

seeds_cli = AppGroup("seeds", help="Validate and load the curated dataset in seeds/.")
db_cli = AppGroup("db", help="Create or upgrade the database schema.")
tokens_cli = AppGroup("tokens", help="Bearer tokens for curators: create, list, revoke.")
TOKEN_NAME = r"^[A-Za-z0-9][A-Za-z0-9._@ -]{0,63}$"


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


def revision_before_load() -> int | None:
    """The dataset revision before a load, when there is a cache tier to purge after it."""
    if not cache_tier.purge_urls(current_app):
        return None
    db.upgrade()
    with db.database.connection_context():
        return Revision.latest_state()[0]


@seeds_cli.command("load")
@click.option("--author", default="seeds", show_default=True, help="Recorded as the author of each revision.")
def load_seeds(author):
    """Validate everything, then write it in one transaction (creating the schema on a new database); then purge
    what it wrote from the HTTP cache tier (CACHE_PURGE_URLS), if any."""
    before = revision_before_load()
    try:
        report = seeds.load(seeds_dir(), author=author)
    except seeds.SeedErrors as exc:
        report_problems(exc.problems)
    if report.written and before is not None:
        with db.database.connection_context():
            purge = cache_tier.purge_committed_since(current_app, before)
        if purge is not None:
            purge.join()  # bounded by the purge's retries; a node that stays down is logged, the load stands
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
    files = "file" if report.written == 1 else "files"
    click.echo(f"Wrote {report.written} {files} to {target}, removed {report.removed}; {report.unchanged} unchanged.")


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


def valid_name(ctx, param, value: str) -> str:
    if not re.match(TOKEN_NAME, value):
        raise click.BadParameter(
            "1-64 letters, digits, spaces or ._@- (it signs the revisions: use the curator's name)."
        )
    return value


@tokens_cli.command("create")
@click.option("--name", required=True, callback=valid_name, help="Who uses it; recorded as the author of each write.")
@click.option("--role", required=True, type=click.Choice(auth.ROLES), help="editor: write; admin: also retract.")
def create_token(name, role):
    """Create a token; it is printed once, alone on the last line, and only its SHA-256 digest is stored."""
    db.upgrade()
    with db.database.connection_context():
        if Token.get_or_none(Token.name == name) is not None:
            raise click.ClickException(
                f"A token named {name!r} exists (revoked ones too: revisions are signed with it)."
            )
        token = auth.create_token(name, role)
    click.echo(
        f"Created the {role} token {name!r}. Keep it secret: it is shown only now, and only its digest is stored."
    )
    click.echo(token)


@tokens_cli.command("list")
def list_tokens():
    """List tokens: name, role, when created, when revoked (never the tokens: they are not stored)."""
    db.upgrade()
    with db.database.connection_context():
        rows = [(t.name, t.role, f"{t.created_at:%Y-%m-%d %H:%M} UTC",
                 f"revoked {t.revoked_at:%Y-%m-%d %H:%M} UTC" if t.revoked_at else "active") for t in Token.listed()]  # fmt: skip
    if not rows:
        click.echo("No tokens yet: `flask --app api tokens create --name NAME --role editor`.")
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else []
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths + [0], strict=True)).rstrip())


@tokens_cli.command("revoke")
@click.argument("name")
def revoke_token(name):
    """Revoke a token by name: it stops working at once; its name stays on the revisions it signed."""
    db.upgrade()
    with db.database.connection_context():
        token = auth.revoke_token(name)
    if token is None:
        raise click.ClickException(f"No token named {name!r}; see `flask --app api tokens list`.")
    click.echo(f"Revoked the token {name!r} ({token.role}).")


def init_app(app: Flask) -> None:
    app.cli.add_command(seeds_cli)
    app.cli.add_command(tokens_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(releases.releases_cli)
