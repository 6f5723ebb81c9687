"""Configuration defaults, and the environment variables that override them (the README's table lists them all)."""

import os
import time
from urllib.parse import urlsplit


class Defaults:
    """Settings every deployment starts from; those named in ENVIRONMENT can be overridden by the environment."""

    DATABASE_URL = None  # None: an SQLite file in the instance folder
    # Where clients reach the app: every absolute URL (embeds, snippets, oEmbed, feeds, Link headers, the citation)
    # starts with it, never with the request's Host (api/http/public.py). The default is `make serve`'s own address.
    PUBLIC_URL = "http://127.0.0.1:8000"
    DATABASE_POOL_SIZE = 4  # PostgreSQL connections per worker process, at most
    DATABASE_POOL_TIMEOUT = 10.0  # seconds a request waits for a free pooled connection before a 503
    DATABASE_CONNECT_TIMEOUT = 5  # seconds to open a PostgreSQL connection before a 503
    DATABASE_RETRY_AFTER = 5  # seconds, sent as Retry-After when the database does not answer
    DATABASE_BUSY_TIMEOUT = 5.0  # seconds a statement waits for another writer's lock before a 503 (SQLite, PostgreSQL)
    SEEDS_DIR = None  # None: the seeds/ folder beside the api package
    LOG_LEVEL = "INFO"
    CACHE_ENABLED = True
    CACHE_REVISION_TTL = 1.0  # seconds a worker trusts its last look at the dataset revision (0 to 1)
    CACHE_MAX_BYTES = 32 * 1024 * 1024  # response bodies kept per worker, least recently used dropped first
    CACHE_PURGE_URLS = ""  # base URLs of the HTTP cache nodes (Varnish) to purge after each write, comma-separated
    CLOCK = time.time  # what "now" and "today" mean to the views and the cache (seconds since the epoch); tests set it
    METRICS_ENABLED = True
    RATELIMIT_ENABLED = True
    RATELIMIT_APPLICATION = "600 per minute"  # per client address, across all of /v1
    RATELIMIT_STORAGE_URI = "memory://"  # redis://host:6379 to share the counts between instances
    RATELIMIT_KEY_PREFIX = "threat-levels"
    RATELIMIT_STRATEGY = "fixed-window"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True  # a rate-limit store that fails lets requests through (and logs why)
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    TRUSTED_PROXIES = 0  # reverse proxies in front whose X-Forwarded-For/-Proto are believed
    COMPRESS_MIN_SIZE = 500  # bytes; smaller bodies are sent as they are
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_BR_LEVEL = 5
    COMPRESS_LEVEL = 6
    COMPRESS_MIMETYPES = ["application/json", "application/problem+json", "text/csv", "application/x-ndjson"]
    API_TITLE = "Threat Levels API"
    API_VERSION = "1.0.0"
    OPENAPI_VERSION = "3.1.0"
    MAX_CONTENT_LENGTH = 64 * 1024  # request bodies past this get 413; the largest change record is a few KiB
    PAGE_SIZE_DEFAULT = 50
    PAGE_SIZE_MAX = 500
    EXPORT_CHUNK_SIZE = 500  # rows an export reads and writes at a time: its memory does not grow with its size
    WEBHOOKS_ALLOW_PRIVATE_TARGETS = False  # deliver to loopback, private and link-local addresses (tests, intranets)
    WEBHOOKS_TIMEOUT = 10.0  # seconds to connect, and between two reads of the answer, per attempt
    WEBHOOKS_LEASE = 60.0  # seconds after which an attempt its worker never finished (killed) is made again
    WEBHOOKS_RETRY_BASE = 30.0  # seconds before the second attempt; the wait doubles after each failure, jittered
    WEBHOOKS_RETRY_MAX = 3600.0  # the longest wait between two attempts
    WEBHOOKS_RETRY_FOR = 93600.0  # seconds (26 h) a delivery is retried before it is given up (`failed`)
    WEBHOOKS_FAILING_AFTER = 5  # failed attempts in a row that mark a target failing (until one succeeds)
    WEBHOOKS_POLL_INTERVAL = 1.0  # seconds an idle worker waits before it looks for work again
    WEBHOOKS_BATCH = 20  # deliveries a worker claims at a time
    WEBHOOKS_CONCURRENCY = 4  # attempts a worker makes at once (each holds a database connection while it records)
    # flask-smorest serves the document itself at /openapi.json; no docs UI from a CDN.
    VERSIONING_POLICY_URL = "/docs/versioning"  # where `Link: rel="deprecation"` points: docs/versioning.md
    OPENAPI_URL_PREFIX = "/"
    OPENAPI_JSON_PATH = "openapi.json"


ENVIRONMENT = (
    "DATABASE_URL",
    "PUBLIC_URL",
    "DATABASE_POOL_SIZE",
    "DATABASE_POOL_TIMEOUT",
    "DATABASE_CONNECT_TIMEOUT",
    "DATABASE_RETRY_AFTER",
    "DATABASE_BUSY_TIMEOUT",
    "SEEDS_DIR",
    "LOG_LEVEL",
    "CACHE_ENABLED",
    "CACHE_REVISION_TTL",
    "CACHE_MAX_BYTES",
    "CACHE_PURGE_URLS",
    "METRICS_ENABLED",
    "RATELIMIT_ENABLED",
    "RATELIMIT_APPLICATION",
    "RATELIMIT_STORAGE_URI",
    "RATELIMIT_KEY_PREFIX",
    "RATELIMIT_STRATEGY",
    "TRUSTED_PROXIES",
    "COMPRESS_MIN_SIZE",
    "VERSIONING_POLICY_URL",
    "WEBHOOKS_ALLOW_PRIVATE_TARGETS",
    "WEBHOOKS_TIMEOUT",
    "WEBHOOKS_LEASE",
    "WEBHOOKS_RETRY_BASE",
    "WEBHOOKS_RETRY_MAX",
    "WEBHOOKS_RETRY_FOR",
    "WEBHOOKS_FAILING_AFTER",
    "WEBHOOKS_POLL_INTERVAL",
    "WEBHOOKS_BATCH",
    "WEBHOOKS_CONCURRENCY",
)
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class ConfigError(ValueError):
    """An environment variable that cannot be read as its setting's type."""


def parse(name: str, text: str):
    """The value of an environment variable, as the type of its default (bool, int, float or str)."""
    default = getattr(Defaults, name)
    try:
        if isinstance(default, bool):
            if text.lower() not in TRUE + FALSE:
                raise ValueError
            return text.lower() in TRUE
        if isinstance(default, int | float):
            return type(default)(text)
    except ValueError:
        raise ConfigError(f"{name}={text!r} is not a valid {type(default).__name__}") from None
    return text


def from_environment() -> dict:
    """Read the overrides once, at app creation (never at import time)."""
    return {name: parse(name, os.environ[name]) for name in ENVIRONMENT if os.environ.get(name)}


def check(config) -> None:
    """Refuse settings that would break a promise made in the README."""
    if not 0 <= config["CACHE_REVISION_TTL"] <= 1:
        raise ConfigError("CACHE_REVISION_TTL must be between 0 and 1 second: it bounds how stale an answer can be")
    public = urlsplit(config["PUBLIC_URL"])
    if public.scheme not in ("http", "https") or not public.netloc or public.query or public.fragment:
        raise ConfigError(
            f"PUBLIC_URL={config['PUBLIC_URL']!r} is not an absolute http(s) URL: https://levels.example.org"
        )
    config["PUBLIC_URL"] = config["PUBLIC_URL"].rstrip("/")
    if config["DATABASE_POOL_SIZE"] < 1 or config["DATABASE_POOL_TIMEOUT"] <= 0:
        raise ConfigError("DATABASE_POOL_SIZE must be at least 1 and DATABASE_POOL_TIMEOUT above 0")
    if config["WEBHOOKS_LEASE"] <= 3 * config["WEBHOOKS_TIMEOUT"]:
        raise ConfigError("WEBHOOKS_LEASE must exceed 3 x WEBHOOKS_TIMEOUT: an attempt still under way is never made twice")
