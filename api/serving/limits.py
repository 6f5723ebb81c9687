"""Rate limits per client address (Flask-Limiter): in memory by default, in Redis to hold across instances.

One budget per client for the whole API (RATELIMIT_APPLICATION). Not counted: answers 304 (revalidating is what a
well-behaved client does, and costs almost nothing) and the operations endpoints (/healthz, /readyz, /metrics). A
client over its budget gets a 429 problem with Retry-After and the X-RateLimit-* headers.
"""

import time
from http import HTTPStatus

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage

from api.errors import Problem
from api.serving import cache

NOT_COUNTED_BLUEPRINTS = ("ops",)
SWEEP_SECONDS = 10


class LazyMemoryStorage(MemoryStorage):
    """limits' memory storage (memory://), expiring counts lazily: as they are read (as MemoryStorage already does),
    and in a sweep of the whole map every SWEEP_SECONDS, instead of starting a new timer thread every 10 ms while
    requests arrive (bench/ measured that thread churn costing more than the rest of the request put together)."""

    STORAGE_SCHEME = ["memory"]  # registered in place of MemoryStorage for memory:// (limits keeps one class a scheme)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.next_sweep = time.time() + SWEEP_SECONDS

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces MemoryStorage's private timer scheduling
        now = time.time()
        if now >= self.next_sweep:
            self.next_sweep = now + SWEEP_SECONDS
            self._MemoryStorage__expire_events()


def init_app(app: Flask) -> None:
    limiter = Limiter(
        get_remote_address,
        application_limits_exempt_when=cache.answers_not_modified,
        application_limits_deduct_when=counts,
        key_prefix=app.config["RATELIMIT_KEY_PREFIX"],
    )
    limiter.request_filter(lambda: request.blueprint in NOT_COUNTED_BLUEPRINTS)
    app.after_request(tidy_retry_after)  # registered first, so it runs after Flask-Limiter's own after_request
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
    app.register_error_handler(RateLimitExceeded, too_many_requests)


def spend(app: Flask, environ: dict) -> list[tuple[str, str]] | None:
    """Count one request against its client's budget, as Flask-Limiter's own hook would (same limits, storage and
    keys), for the response cache's fast path. The X-RateLimit-* headers to send, or None to leave the request to
    Flask-Limiter: over the limit (it answers the 429), or its storage failing (it knows how to fall back)."""
    limiter: Limiter = app.extensions["rate_limiter"]
    if not (limiter.enabled and app.config["RATELIMIT_ENABLED"]):
        return []
    if "application_limits" not in app.extensions:  # parsed once: Flask-Limiter parses them for every request
        with app.app_context():
            app.extensions["application_limits"] = [limit.limit for limit in limiter.limit_manager.application_limits]
    key = (environ.get("REMOTE_ADDR") or "127.0.0.1", "global")  # get_remote_address, and ApplicationLimit's scope
    if app.config["RATELIMIT_KEY_PREFIX"]:
        key = (app.config["RATELIMIT_KEY_PREFIX"], *key)
    headers = []
    try:
        for item in app.extensions["application_limits"]:
            if not limiter.limiter.hit(item, *key):
                return None
            if not headers and app.config["RATELIMIT_HEADERS_ENABLED"]:
                window = limiter.limiter.get_window_stats(item, *key)
                headers = [("X-RateLimit-Limit", str(item.amount)), ("X-RateLimit-Remaining", str(window.remaining)),
                           ("X-RateLimit-Reset", str(int(window.reset_time)))]  # fmt: skip
    except Exception:  # noqa: BLE001 - whatever the storage raises, Flask-Limiter's hook decides
        return None
    return headers


def counts(response: Response) -> bool:
    return response.status_code != HTTPStatus.NOT_MODIFIED


def too_many_requests(exc: RateLimitExceeded) -> Response:
    """A 429 problem; Flask-Limiter's after_request hook then adds Retry-After and the X-RateLimit-* headers."""
    detail = f"Too many requests from this address: the limit is {exc.description}. Retry after the Retry-After delay."
    return Problem(HTTPStatus.TOO_MANY_REQUESTS, detail, "rate-limited").to_response()


def tidy_retry_after(response: Response) -> Response:
    """Flask-Limiter puts its window's reset as Retry-After on every answer: keep it on a 429 only. A 503 (database
    unavailable) keeps its own delay, which Flask-Limiter would have stretched to the end of the rate-limit window."""
    if response.status_code == HTTPStatus.SERVICE_UNAVAILABLE:
        response.headers["Retry-After"] = str(current_app.config["DATABASE_RETRY_AFTER"])
    elif response.status_code != HTTPStatus.TOO_MANY_REQUESTS:
        response.headers.pop("Retry-After", None)
    return response
