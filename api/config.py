"""Configuration defaults, and the environment variables that override them."""

import os

ENVIRONMENT_KEYS = ("DATABASE_URL", "SEEDS_DIR")


class Defaults:
    """Settings every deployment starts from; each can be overridden by the environment."""

    DATABASE_URL = None  # None: an SQLite file in the instance folder
    SEEDS_DIR = None  # None: the seeds/ folder beside the api package
    API_TITLE = "Threat Levels API"
    API_VERSION = "1.0.0"
    OPENAPI_VERSION = "3.1.0"
    MAX_CONTENT_LENGTH = 64 * 1024  # request bodies past this get 413; the largest change record is a few KiB
    # flask-smorest serves the document itself at /openapi.json; no docs UI from a CDN.
    OPENAPI_URL_PREFIX = "/"
    OPENAPI_JSON_PATH = "openapi.json"


def from_environment() -> dict:
    """Read the overrides once, at app creation (never at import time)."""
    return {key: os.environ[key] for key in ENVIRONMENT_KEYS if os.environ.get(key)}
