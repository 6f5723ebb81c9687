"""Version 1 of the API: one blueprint per resource."""

from api.v1 import (
    batch,
    changelog,
    changes,
    dataset,
    events,
    index,
    levels,
    parts,
    releases,
    revisions,
    sources,
    systems,
)

BLUEPRINTS = (
    index.blp,
    systems.blp,
    levels.blp,
    changes.blp,
    parts.blp,
    events.blp,
    sources.blp,
    revisions.blp,
    changelog.blp,
    batch.blp,
    dataset.blp,
    releases.blp,
)


def register(api) -> None:
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
