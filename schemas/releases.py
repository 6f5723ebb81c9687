"""Named releases of the dataset: a revision frozen with its files, checksums and citation."""

from marshmallow import fields

from schemas.base import BaseSchema, Envelope
from schemas.revisions import UTCDateTime


class ReleaseFileSchema(BaseSchema):
    """One file of a release: verify a download by its size and SHA-256."""

    name = fields.String(required=True, metadata={"example": "changes.csv"})
    media_type = fields.String(required=True, metadata={"example": "text/csv"})
    bytes = fields.Integer(required=True, metadata={"description": "Size of the file, in bytes."})
    sha256 = fields.String(required=True, metadata={"description": "SHA-256 of the file, in hex."})
    url = fields.String(required=True, metadata={"example": "/v1/dataset/releases/2026.12/changes.csv"})


class CitationSchema(BaseSchema):
    text = fields.String(required=True, metadata={"description": "A ready-made citation naming the release."})
    bibtex = fields.String(required=True, metadata={"description": "The same, as a BibTeX entry."})
    csl = fields.Dict(required=True, metadata={"description": "The same, as a CSL-JSON item (type `dataset`)."})


class ReleaseSchema(BaseSchema):
    name = fields.String(required=True, metadata={"example": "2026.12"})
    revision = fields.Integer(required=True, metadata={"description": "The dataset revision the release froze."})
    revision_written_at = UTCDateTime(allow_none=True, required=True)
    reviewed_through = fields.Date(
        allow_none=True, required=True, metadata={"description": "The earliest of the systems' `reviewed_through`."}
    )
    created_at = UTCDateTime(required=True, metadata={"description": "When it was frozen (UTC)."})
    url = fields.String(required=True, metadata={"example": "/v1/dataset/releases/2026.12"})
    files = fields.List(fields.Nested(ReleaseFileSchema), required=True)
    citation = fields.Nested(CitationSchema, required=True)


class ReleaseRecordSchema(ReleaseSchema, Envelope):
    """One release, as `GET /v1/dataset/releases/{name}` answers it."""


class ReleaseListSchema(Envelope):
    items = fields.List(fields.Nested(ReleaseSchema), required=True, metadata={"description": "Newest first."})
