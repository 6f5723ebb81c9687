"""Named releases: GET /v1/dataset/releases (with citations), one release, and each of its files."""

from http import HTTPStatus

from flask import Response, url_for

from api import releases
from api.errors import Problem
from api.http.public import public_url
from api.http.render import render
from api.models import Release, ReleaseFile
from api.spec import Blueprint
from schemas.base import BaseSchema, QueryArgs
from schemas.releases import ReleaseListSchema, ReleaseRecordSchema

blp = Blueprint("releases", __name__, url_prefix="/v1", description="Named releases of the dataset, to cite.")
# A release appears when it is frozen, which does not move the dataset revision that keys the response cache: the
# list and a release are revalidated (their ETag) rather than kept. A file never changes once frozen.
REVALIDATE = {"Cache-Control": "no-cache"}
IMMUTABLE = "public, max-age=31536000, immutable"
FILE_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "application/json": {"schema": {"type": "object", "description": "datapackage.json (Frictionless Data Package)."}},
}


def described(release: Release) -> dict:
    url = url_for("releases.get_release", name=release.name)
    return {
        **release.__data__,
        "url": url,
        "files": [
            {**row.__data__, "url": url_for("releases.get_release_file", name=release.name, file=row.name)}
            for row in release.files
        ],
        "citation": releases.citation(release, public_url("releases.get_release", name=release.name)),
    }


def release_or_404(name: str) -> Release:
    release = Release.named(name)
    if release is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No release {name!r}; GET /v1/dataset/releases lists them.", "not-found")
    return release


@blp.route("/dataset/releases")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, ReleaseListSchema)
def list_releases(args):
    """Every named release, newest first, with its files' sizes and SHA-256 and how to cite it."""
    return render(
        ReleaseListSchema(), {"items": [described(release) for release in Release.listed()]}, headers=REVALIDATE
    )


@blp.route("/dataset/releases/<string:name>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, ReleaseRecordSchema)
@blp.problems(404)
def get_release(args, name):
    """One named release: its dataset revision, files with sizes and SHA-256, and its citation."""
    return render(ReleaseRecordSchema(), described(release_or_404(name)), headers=REVALIDATE)


@blp.route("/dataset/releases/<string:name>/<string:file>")
@blp.arguments(BaseSchema, location="query")
@blp.response(200, description="The file, byte for byte as frozen; its SHA-256 is in the release.")
@blp.doc(responses={200: {"content": FILE_CONTENT}})
@blp.problems(404)
def get_release_file(args, name, file):
    """A file of a release (`changes.csv`, `events.ndjson`, `datapackage.json`, ...), as frozen."""
    row = ReleaseFile.of(name, file)
    if row is None:
        release_or_404(name)
        raise Problem(HTTPStatus.NOT_FOUND, f"The release {name!r} has no file {file!r}.", "not-found")
    response = Response(row.content, mimetype=row.media_type)
    response.set_etag(row.sha256)
    response.last_modified = row.release.created_at
    response.headers.update({
        "Cache-Control": IMMUTABLE,
        "Dataset-Revision": str(row.release.revision),
        "Content-Disposition": f'attachment; filename="threat-levels-{name}-{file}"',
    })  # fmt: skip
    return response
