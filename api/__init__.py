"""Threat Levels API: a curated, cited database of national terror-alert levels, served over HTTP."""

from flask import Flask

from api import (
    cache,
    change_pages,
    cli,
    config,
    db,
    embed,
    errors,
    feeds,
    http,
    limits,
    logs,
    metrics,
    oembed,
    ops,
    security,
    v1,
)
from api.spec import Api


def create_app(overrides: dict | None = None) -> Flask:
    """Build a configured application; tests pass overrides."""
    app = Flask(__name__, static_folder=None)
    app.config.from_object(config.Defaults)
    app.config.from_mapping(config.from_environment())
    app.config.update(overrides or {})
    config.check(app.config)
    # Order matters for the request hooks: before_request hooks run in this order, after_request hooks in reverse.
    # logs first (request id and timer; its line is written last), rate limits before the cache serves, and the
    # cache's lookup last, so that a cached answer still passes rate limits, CORS, metrics and the log.
    for part in (db, errors, logs, metrics, limits, http, security, cli, cache):
        part.init_app(app)
    http.trust_proxies(app)
    api = Api(app, spec_kwargs={"info": INFO})
    v1.register(api)
    for blueprint in (feeds.blp, embed.blp, oembed.blp, change_pages.blp, ops.blp):
        api.register_blueprint(blueprint)
    return app


INFO = {
    "description": (
        "A curated, cited database of national terror-alert levels (France's Vigipirate first): every change, its "
        "dates, what triggered it, and the quoted justifications with their sources.\n\n"
        "Errors are RFC 9457 problem details (`application/problem+json`). Dates are local dates in the system's "
        "time zone; a change known only to the day has `effective_at: null`. Lists, the index and the current level "
        "carry `dataset_revision`, the revision of the dataset they were answered from: cite it."
    ),
    "license": {"name": "CC-BY-4.0 (data), see README", "identifier": "CC-BY-4.0"},
}
