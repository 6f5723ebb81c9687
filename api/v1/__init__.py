"""Version 1 of the API: one blueprint per resource."""

from api.v1 import batch, changes, dataset, events, index, levels, parts, revisions, sources, systems, webhooks

BLUEPRINTS = (
    index.blp,
    systems.blp,
    levels.blp,
    changes.blp,
    parts.blp,
    events.blp,
    sources.blp,
    revisions.blp,
    batch.blp,
    dataset.blp,
    webhooks.blp,
)


def register(api) -> None:
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    webhooks.document(api)
