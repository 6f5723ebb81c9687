"""The dataset as a citable whole: revision, licence, citation, and whole-dataset dumps with their checksums."""

from marshmallow import fields, validate

from schemas.base import BaseSchema, Envelope

KINDS = ("changes", "events", "sources", "systems")


class LicenceSchema(BaseSchema):
    id = fields.String(required=True, metadata={"description": "SPDX identifier.", "example": "CC-BY-4.0"})
    name = fields.String(required=True)
    url = fields.String(required=True)
    applies_to = fields.String(required=True)


class DumpSchema(BaseSchema):
    """One whole-dataset file: verify a download by its size and SHA-256."""

    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    format = fields.String(required=True, validate=validate.OneOf(("csv", "ndjson")))
    media_type = fields.String(required=True, metadata={"example": "text/csv"})
    url = fields.String(required=True, metadata={"example": "/v1/dataset/dumps/changes.csv"})
    rows = fields.String(required=True, metadata={"description": "What one CSV row or NDJSON line is."})
    bytes = fields.Integer(required=True, metadata={"description": "Size of the file, in bytes."})
    sha256 = fields.String(required=True, metadata={"description": "SHA-256 of the file, in hex."})


class DatasetSchema(Envelope):
    """What to cite and how to take everything: the dataset revision, its licence, a citation, and dumps."""

    title = fields.String(required=True)
    revision_written_at = fields.DateTime(
        allow_none=True, metadata={"description": "When the dataset revision was written (UTC)."}
    )
    reviewed_through = fields.Date(
        allow_none=True, metadata={"description": "The earliest date up to which every system's record was checked."}
    )
    systems = fields.Dict(
        keys=fields.String(),
        values=fields.Date(),
        required=True,
        metadata={"description": "Each system's `reviewed_through`.", "example": {"fr-vigipirate": "2024-08-11"}},
    )
    licences = fields.List(fields.Nested(LicenceSchema), required=True)
    citation = fields.String(required=True, metadata={"description": "A ready-made citation of this revision."})
    bibtex = fields.String(required=True, metadata={"description": "The same, as a BibTeX entry."})
    dumps = fields.List(fields.Nested(DumpSchema), required=True)
