"""The dataset as a citable whole: GET /v1/dataset (revision, licence, citation, dumps with checksums) and the
whole-dataset dumps themselves."""

import datetime

from flask import url_for

from api import dumps
from api.datapackage import AUTHOR, TITLE
from api.http.conditional import dataset_state
from api.http.language import use_language
from api.http.public import public_url
from api.http.render import render, render_download
from api.models import System
from api.spec import Blueprint
from schemas.base import BaseSchema, QueryArgs
from schemas.dataset import DatasetSchema

blp = Blueprint("dataset", __name__, url_prefix="/v1", description="Cite the dataset; download all of it.")
LICENCES = [
    {"id": "CC-BY-4.0", "name": "Creative Commons Attribution 4.0 International",
     "url": "https://creativecommons.org/licenses/by/4.0/", "applies_to": "the data (the curated records)"},
    {"id": "MIT", "name": "MIT License", "url": "https://opensource.org/license/mit", "applies_to": "the code"},
]  # fmt: skip
DUMP_CONTENT = {
    media_type: {"schema": {"type": "string", "description": f"Every record of the kind, as {name}."}}
    for name, media_type in (("CSV (RFC 4180, UTF-8, header row)", "text/csv"), ("NDJSON", "application/x-ndjson"))
}


@blp.route("/dataset")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, DatasetSchema)
def get_dataset(args):
    """The dataset's revision, licence, a citation (and BibTeX), and whole-dataset dumps with sizes and SHA-256."""
    return render(DatasetSchema(), dataset_record())


@blp.route("/dataset/dumps/<any(changes,events,sources,systems):kind>.<any(csv,ndjson):fmt>")
@blp.arguments(BaseSchema, location="query")
@blp.response(200, description="The dump: CSV or NDJSON by its name; its size and SHA-256 are in /v1/dataset.")
@blp.doc(responses={200: {"content": DUMP_CONTENT}})
def get_dump(args, kind, fmt):
    """A whole-dataset dump: every record of one kind, as CSV or NDJSON (`changes.csv`, `events.ndjson`, ...)."""
    use_language(dumps.DUMP_LANGUAGE)  # the same bytes for everyone: the checksums hold
    name = f"threat-levels-r{dataset_state()[0]}-{kind}.{fmt}"
    return render_download(fmt, lambda: dumps.DUMPS[kind].text(fmt), name)


def dataset_record() -> dict:
    revision, written = dataset_state()
    systems = {system.id: system.reviewed_through for system in System.listed()}
    reviewed = min(systems.values(), default=None)
    year = (written or datetime.datetime.now(datetime.UTC)).year
    url = public_url("dataset.get_dataset")
    note = f"Dataset revision {revision}, reviewed through {reviewed}. Licence: CC BY 4.0"
    return {
        "title": TITLE,
        "revision_written_at": written,
        "reviewed_through": reviewed,
        "systems": systems,
        "licences": LICENCES,
        "citation": f"{AUTHOR} ({year}). {TITLE}. {note}. {url}",
        "bibtex": (
            f"@misc{{threat_levels_r{revision},\n  author = {{{{{AUTHOR}}}}},\n  title = {{{TITLE}}},\n"
            f"  year = {{{year}}},\n  version = {{{revision}}},\n  note = {{{note}}},\n  url = {{{url}}}\n}}\n"
        ),
        "dumps": [
            {
                "kind": kind,
                "format": fmt,
                "media_type": dumps.MEDIA_TYPES[fmt],
                "url": url_for("dataset.get_dump", kind=kind, fmt=fmt),
                "rows": dump.rows[fmt],
                **dict(zip(("bytes", "sha256"), dumps.digest(kind, fmt), strict=True)),
            }
            for kind, dump in dumps.DUMPS.items()
            for fmt in dumps.MEDIA_TYPES
        ],  # fmt: skip
    }
