"""Threat Levels API: a curated, cited database of national terror-alert levels, served over HTTP."""

from flask import Flask

from api import cli, config, db, docs, errors, http, ops, v1
from api.embed import feeds, oembed, pages, views
from api.http import storable
from api.serving import cache, cache_tier, credentials, fast_path, limits, logs, security, steps
from api.spec import Api, HttpContractPlugin


def create_app(overrides: dict | None = None) -> Flask:
    """Build a configured application; tests pass overrides."""
    app = Flask(__name__, static_folder=None)
    app.config.from_object(config.Defaults)
    app.config.from_mapping(config.from_environment())
    app.config.update(overrides or {})
    config.check(app.config)
    # Order matters for the request hooks: before_request hooks run in this order, after_request hooks in reverse.
    # The per-request steps first (request id and timer; the log line and metrics come last), rate limits before the
    # cache serves, and the cache's lookup last, so that a cached answer still passes rate limits, CORS and the steps.
    for part in (db, errors, logs, steps, limits, storable, credentials, http, security, cli, cache_tier, cache,
                 fast_path):
        part.init_app(app)
    http.trust_proxies(app)
    api = Api(app, spec_kwargs={"info": INFO, "extra_plugins": [HttpContractPlugin()]})
    v1.register(api)
    app.register_blueprint(docs.bp)
    for blueprint in (feeds.blp, views.blp, oembed.blp, pages.blp, ops.blp):
        api.register_blueprint(blueprint)
    return app


INFO = {
    "description": (
        "A curated, cited database of national terror-alert levels (France's Vigipirate first): every change, its "
        "dates, what triggered it, and the quoted justifications with their sources.\n\n"
        "**Errors** are RFC 9457 problem details (`application/problem+json`); a malformed or unknown query parameter "
        "is a 400 naming it and what is allowed.\n\n"
        "**Time.** Dates are local dates in the system's time zone (`time_zone`, e.g. Europe/Paris). A change known "
        "to the minute (`effective_at`) is in force from that instant. A change known only to the day "
        "(`effective_at: null`) is taken to be in force from 00:00 local time of its `effective_date`: a convention, "
        "not a fact (the decision may have come that evening). `level?at=` takes a date or an instant: a date asks "
        "about the end of that local day (the last change that took effect on or before it); an instant without an "
        "offset is read as the system's local time. Timelines are by days, each day belonging to the level in force "
        "at its end; periods run from `start` (inclusive) to `end` (exclusive) and tile the range asked for.\n\n"
        "**Languages.** Texts are objects with `fr` and `en` (either may be null; names and descriptions of "
        "systems, scales and levels also carry `nl`, `es`, `da`, `nb` or `sv` where the authority publishes in them) "
        "plus `text` and `lang`: the text in the answer's language (`lang=en|fr|es|da|nb|sv|nl`, else "
        "`Accept-Language`, else English), or in English (else French) when the record lacks it; `lang` says which "
        "language `text` is really in. The answer says which it chose: `Content-Language` and a top-level `lang` "
        "member. Embeds take the same languages and answer English for any other `lang` rather than an error. "
        "CSV exports carry both languages in separate columns.\n\n"
        "**Formats.** Lists answer JSON pages by default, and CSV (`text/csv`, RFC 4180, UTF-8, header row) or "
        "NDJSON (`application/x-ndjson`) when `Accept` or `format=` asks; CSV and NDJSON are whole (streamed) "
        "unless `limit` is given. Anything else in `Accept` is a 406 problem.\n\n"
        "**Versions and caching.** Every successful answer carries the dataset revision it was built from in the "
        "`Dataset-Revision` header, and JSON objects also in `dataset_revision`; cite it (`GET /v1/dataset` gives a "
        "citation). Every GET has an `ETag` (from the body; for streamed exports, from the revision and the request), "
        "`Last-Modified` (when that revision was written), `Cache-Control` and `Vary: Accept, Accept-Language`, "
        "and answers `If-None-Match` (or, without it, `If-Modified-Since`) with 304. An answer about now or today "
        "(the current level, a timeline to today) is cached by nobody past the system's next local midnight or next "
        "change. HEAD works wherever GET does. Any origin may read (CORS), errors included."
    ),
    "license": {"name": "CC-BY-4.0 (data), see README", "identifier": "CC-BY-4.0"},
}
