"""The API index: where everything is, and which dataset revision answers."""

from marshmallow import fields

from schemas.base import Envelope


class IndexSchema(Envelope):
    name = fields.String(required=True)
    version = fields.String(required=True)
    reviewed_through = fields.Date(
        allow_none=True,
        metadata={
            "description": "The earliest date up to which every system's record was checked (a system whose record "
            "ended and was checked to its last day is complete: it does not count)."
        },
    )
    links = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
