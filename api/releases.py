"""Named releases: `flask --app api releases freeze NAME` freezes the current dataset revision with its dumps (CSV and
NDJSON of every record kind) and a datapackage.json, each with its SHA-256, in the database; and their citations."""

import datetime
import hashlib
import json
import re

import click
from flask import current_app
from flask.cli import AppGroup

from api import datapackage, db, dumps
from api.datapackage import AUTHOR, TITLE
from api.http.language import fixed_language
from api.models import Release, ReleaseFile, Revision, System

releases_cli = AppGroup("releases", help="Named releases of the dataset: freeze one, list them.")
NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")
ATTEMPTS = 3  # a write during a freeze starts it again: a release is one revision, never a mix


class ReleaseError(click.ClickException):
    """Why a release could not be frozen."""


def file_row(name: str, media_type: str, text: str) -> dict:
    data = text.encode("utf-8")
    return {"name": name, "media_type": media_type, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "content": text}  # fmt: skip


def files_at_current_revision() -> tuple[tuple, list[dict], list[dict]]:
    """((revision, written), files, their descriptions): every dump, made at one revision."""
    state = Revision.latest_state()
    files, described = [], []
    with fixed_language(dumps.DUMP_LANGUAGE):
        for kind, dump in dumps.DUMPS.items():
            for fmt, media_type in dumps.MEDIA_TYPES.items():
                row = file_row(f"{kind}.{fmt}", media_type, "".join(dump.text(fmt)))
                files.append(row)
                described.append({**row, "kind": kind, "format": fmt})
    return state, files, described


def freeze(name: str) -> Release:
    """Freeze the current revision as the release `name`; a ReleaseError when the name is bad or taken, or when
    writes kept moving the revision."""
    if not NAME.match(name):
        raise ReleaseError(f"{name!r} is not a release name: 1-32 letters, digits and ._- (e.g. 2026.12).")
    if Release.get_or_none(Release.name == name) is not None:
        raise ReleaseError(f"The release {name!r} exists; a release never changes: choose another name.")
    for _ in range(ATTEMPTS):
        state, files, described = files_at_current_revision()
        if Revision.latest_state() == state:
            break
    else:
        raise ReleaseError("The dataset kept changing while it was being frozen; try again when writes pause.")
    revision, written = state
    if revision == 0:
        raise ReleaseError("The dataset is empty: load it first (`flask --app api seeds load`).")
    created = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    package = datapackage.describe(name, revision, created.isoformat() + "Z", described)
    files.append(
        file_row("datapackage.json", "application/json", json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    )
    reviewed = min((system.reviewed_through for system in System.listed()), default=None)
    with db.database.atomic():
        release = Release.create(name=name, revision=revision, revision_written_at=written and written.replace(tzinfo=None),
                                 reviewed_through=reviewed, created_at=created)  # fmt: skip
        ReleaseFile.insert_many([{**row, "release": release} for row in files]).execute()
    return release


def citation(release: Release, url: str) -> dict:
    """How to cite a release: a sentence, BibTeX and CSL-JSON, each naming the release and its dataset revision."""
    day = release.created_at.date()
    note = f"Release {release.name}, dataset revision {release.revision}, reviewed through {release.reviewed_through}"
    key = "threat_levels_" + re.sub(r"[^0-9A-Za-z]", "_", release.name)
    return {
        "text": f"{AUTHOR} ({day.year}). {TITLE} (release {release.name}, dataset revision {release.revision}) "
        f"[Data set]. Licence: CC BY 4.0. {url}",
        "bibtex": (
            f"@misc{{{key},\n  author = {{{{{AUTHOR}}}}},\n  title = {{{TITLE}}},\n  year = {{{day.year}}},\n"
            f"  version = {{{release.name}}},\n  note = {{{note}. Licence: CC BY 4.0}},\n  url = {{{url}}}\n}}\n"
        ),
        "csl": {
            "id": f"threat-levels-{release.name}",
            "type": "dataset",
            "title": TITLE,
            "author": [{"literal": AUTHOR}],
            "issued": {"date-parts": [[day.year, day.month, day.day]]},
            "version": release.name,
            "note": note,
            "URL": url,
        },
    }


@releases_cli.command("freeze")
@click.argument("name")
def freeze_release(name):
    """Freeze the current dataset revision as the release NAME (e.g. 2026.12): dumps, datapackage.json, checksums."""
    db.upgrade()
    with db.database.connection_context(), current_app.test_request_context("/"):
        release = freeze(name)
        files = ReleaseFile.in_order().where(ReleaseFile.release == release)
        click.echo(f"Froze release {release.name} at dataset revision {release.revision}:")
        for row in files:
            click.echo(f"  {row.sha256}  {row.name} ({row.bytes} bytes)")


@releases_cli.command("list")
def list_releases():
    """List the releases, newest first: name, dataset revision, when frozen."""
    db.upgrade()
    with db.database.connection_context():
        rows = Release.listed()
    for release in rows:
        click.echo(f"{release.name}  revision {release.revision}  frozen {release.created_at:%Y-%m-%d %H:%M} UTC")
    if not rows:
        click.echo("No releases yet: `flask --app api releases freeze NAME`.")
