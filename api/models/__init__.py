"""peewee models for the curated dataset, one module per resource, and the named queries the views use."""

from api.models.changes import Change, ChangeArea, ChangeEvent, ChangeSource, Justification, Measure
from api.models.events import Event, EventSource
from api.models.releases import Release, ReleaseFile
from api.models.revisions import Revision
from api.models.sources import Source
from api.models.systems import Level, Scale, System
from api.models.tokens import Token

MODELS = [
    System,
    Scale,
    Level,
    Source,
    Event,
    EventSource,
    Change,
    ChangeArea,
    ChangeEvent,
    ChangeSource,
    Justification,
    Measure,
    Revision,
    Token,
    Release,
    ReleaseFile,
]

__all__ = [model.__name__ for model in MODELS] + ["MODELS"]
