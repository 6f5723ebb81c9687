"""A per-process response cache in front of the views, keyed by the dataset revision.

The data changes rarely and is read constantly, so every successful GET answer is built once per dataset revision and
kept, as sent (compressed, with its ETag and CORS headers), in a bounded LRU map. A request then costs one cheap check
that the revision has not moved: each worker trusts its last look at the revision for at most CACHE_REVISION_TTL
seconds (at most 1), so a write made through any instance, or by `flask seeds load`, is seen by every instance within
that bound. A conditional GET is answered 304 from the kept ETag and Last-Modified without building a body
(If-None-Match when present, else If-Modified-Since: RFC 9110 13.2.2, evaluated by werkzeug).

Two layers share the map:
- hooks in Flask (`serve_from_cache` before the view, `keep_response` once the answer is sent), which look up, serve
  and keep answers inside Flask's request handling, after every other before_request hook (rate limits apply);
- a fast path in front of Flask (`FastPath` in api/serving/fast_path.py, WSGI middleware) that serves a kept answer
  without building a Flask request at all. It takes the same per-request steps as a Flask answer (one list,
  api/serving/steps.py: a request id, one log line, the metrics) and the same rate limit (through Flask-Limiter's own
  limits and storage, api/serving/limits.py `spend`). bench/ measured the Flask layer at a third of a bare Flask
  app's throughput with all of that on (Flask-Limiter's per-request work alone cost more than a bare request); the
  fast path is what meets the target. Anything it cannot do alone (a revision to look at when the database fails, a
  client over its limit, a miss) it leaves to Flask.

An answer that read the clock (the level in force now, a timeline to today) is kept only until the instant it stops
being right, which the view declared (api/http/clock.py): the local midnight of its system, or the next change known to the
minute. `ResponseCache.get` drops it from then on (one comparison with the stored instant); and from MAX_AGE + STALE
seconds before it, the Cache-Control of a kept answer is cut so that no cache downstream keeps it past that instant.

Neither knows anything of the views: nothing but a GET answer is kept, never one to a request carrying credentials
(Authorization), never one that says no-store, private or no-cache, nor one whose Vary names a request header outside
the key (Accept, Accept-Language, Accept-Encoding). A successful write on this instance makes it look at the revision
again at once, and so does a request that says `Cache-Control: no-cache` (the cache tier's fetches).
"""

import datetime
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from flask import Flask, Response, current_app, g, request, request_finished
from werkzeug.datastructures import Headers
from werkzeug.http import parse_date
from werkzeug.sansio.http import is_resource_modified

from api.http import clock
from api.http.conditional import MAX_AGE, STALE, cache_control
from api.models import Revision

# The request headers that can change a body: they are part of the key (as WSGI environ keys, read directly).
KEY_HEADERS = ("HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT_ENCODING")
# Authorization too: no request carrying it is ever served or kept (`cacheable`), so a kept answer is always the one
# for no credentials, which is what `Vary: Authorization` asks of a cache.
VARY_HANDLED = {"accept", "accept-language", "accept-encoding", "authorization"}
# Headers that belong to one exchange, not to the representation: never kept, made anew for every answer. CORS
# headers are kept: an answer whose CORS headers depend on the request says Vary: Origin, and is then not kept.
PER_REQUEST = ("x-request-id", "x-ratelimit-", "ratelimit", "retry-after", "date", "server")
# What a 304 carries (RFC 9110 15.4.5): the validators and the headers a 200 would have sent about caching, and the
# CORS headers, without which a browser refuses a cross-origin 304 as it would the 200.
NOT_MODIFIED_HEADERS = ("etag", "cache-control", "vary", "last-modified", "expires", "content-location")
CORS_HEADERS = "access-control-"
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
BYPASS_BLUEPRINTS = ("ops",)  # /healthz must not touch the database; /readyz and /metrics must be live


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept answer: the body as sent, its headers, its entity tag (unquoted), the route that made it, and the
    instant (by the app's clock, in seconds) at which it stops being right: never, for an answer that did not read
    the clock (only a new revision replaces it)."""

    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str | None
    route: str
    expires: float = float("inf")
    not_modified_headers: tuple[tuple[str, str], ...] = field(init=False)
    size: int = field(init=False)
    last_modified: datetime.datetime | None = field(init=False)
    # From this instant on, the kept Cache-Control would let caches keep the answer past `expires`: it is cut.
    shortened_at: float = field(init=False)

    def __post_init__(self):
        kept = tuple(
            (name, value)
            for name, value in self.headers
            if name.lower() in NOT_MODIFIED_HEADERS or name.lower().startswith(CORS_HEADERS)
        )
        object.__setattr__(self, "not_modified_headers", kept)
        size = len(self.body) + sum(len(name) + len(value) for name, value in self.headers)
        object.__setattr__(self, "size", size)
        modified = next((value for name, value in self.headers if name.lower() == "last-modified"), None)
        object.__setattr__(self, "last_modified", parse_date(modified))
        object.__setattr__(self, "shortened_at", self.expires - MAX_AGE - STALE)

    def headers_at(self, pairs: tuple[tuple[str, str], ...], now: float) -> tuple[tuple[str, str], ...]:
        """`pairs` as sent at `now`: Cache-Control never lets a cache keep the answer past `expires`."""
        if now < self.shortened_at:
            return pairs
        left = cache_control(self.expires - now)
        return tuple((name, left if name.lower() == "cache-control" else value) for name, value in pairs)

    def response(self, now: float) -> Response:
        response = Response(self.body, HTTPStatus.OK)
        response.headers = KeptHeaders.of(self.headers_at(self.headers, now))
        return response

    def not_modified(self, now: float) -> Response:
        response = Response(status=HTTPStatus.NOT_MODIFIED)
        response.headers = KeptHeaders.of(self.headers_at(self.not_modified_headers, now))
        return response

    def unmodified_for(self, environ: dict) -> bool:
        """Whether the request's validators say the client holds this answer (RFC 9110 13.2.2: If-None-Match, by weak
        comparison, when present; else If-Modified-Since against Last-Modified), as werkzeug evaluates them."""
        if_none_match, if_modified_since = environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE")
        if not (if_none_match or if_modified_since) or (if_none_match and self.etag is None):
            return False
        return not is_resource_modified(
            http_if_none_match=if_none_match,
            http_if_modified_since=if_modified_since,
            etag=self.etag,
            last_modified=self.last_modified,
        )


class KeptHeaders(Headers):
    """Headers rebuilt from pairs that were validated when they were first sent (skipping werkzeug's checks)."""

    @classmethod
    def of(cls, pairs: tuple[tuple[str, str], ...]) -> "KeptHeaders":
        headers = cls()
        headers._list = list(pairs)  # werkzeug's own storage: a list of (name, value)
        return headers


class ResponseCache:
    """Kept answers for one dataset revision, at most `max_bytes` of them, least recently used dropped first."""

    def __init__(
        self,
        fingerprint: Callable[[], object],
        revision_ttl: float,
        max_bytes: int,
        clock: Callable[[], float] = time.time,
    ):
        self.fingerprint = fingerprint
        self.clock = clock
        self.revision_ttl = revision_ttl
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.bytes = 0
        self.revision: object = None
        self.checked_at = float("-inf")
        self.lock = threading.Lock()

    def fresh(self) -> bool:
        """Whether the last look at the revision is within the staleness bound."""
        return time.monotonic() - self.checked_at < self.revision_ttl

    def current_revision(self) -> object:
        """The dataset revision, looked up again when the last look is older than the staleness bound."""
        if not self.fresh():
            now = time.monotonic()
            revision = self.fingerprint()
            with self.lock:
                if revision != self.revision:
                    self.entries.clear()
                    self.bytes = 0
                    self.revision = revision
                self.checked_at = now
        return self.revision

    def expire_revision(self) -> None:
        self.checked_at = float("-inf")

    def get(self, key: tuple, now: float) -> Entry | None:
        """The answer kept for `key`, unless it stopped being right before `now` (then it is dropped)."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if now >= entry.expires:
                del self.entries[key]
                self.bytes -= entry.size
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry, revision: object) -> bool:
        """Keep `entry` if it was built at the revision still current, is still right and fits; evict the least
        recently used."""
        if entry.size > self.max_bytes // 8 or entry.expires <= self.clock():
            return False
        with self.lock:
            if revision != self.revision:
                return False
            old = self.entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self.entries[key] = entry
            self.bytes += entry.size
            while self.bytes > self.max_bytes:
                _, evicted = self.entries.popitem(last=False)
                self.bytes -= evicted.size
        return True


def init_app(app: Flask) -> None:
    """Register the lookup (after every other before_request hook, so rate limits apply) and the store; the fast path
    is api/serving/fast_path.py."""
    config = app.config
    cache = ResponseCache(fingerprint, config["CACHE_REVISION_TTL"], config["CACHE_MAX_BYTES"], config["CLOCK"])
    app.extensions["response_cache"] = cache
    if app.config["CACHE_ENABLED"]:
        app.before_request(serve_from_cache)
        # request_finished fires after every after_request hook: what is kept is exactly what was sent.
        request_finished.connect(keep_response, app, weak=False)


def fingerprint() -> object:
    return Revision.fingerprint()


def request_key(environ: dict) -> tuple:
    return (environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), *(environ.get(name) for name in KEY_HEADERS))


def cacheable(environ: dict) -> bool:
    """Whether a kept answer may serve this request: a GET or HEAD without credentials, nor If-Match (rare; Flask
    evaluates it, api/http/conditional.py)."""
    return (
        environ["REQUEST_METHOD"] in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in environ
        and "HTTP_IF_MATCH" not in environ
    )


def revalidate_if_asked(cache: ResponseCache, environ: dict) -> None:
    """A request with `Cache-Control: no-cache` (as the HTTP cache tier's fetches say, deploy/varnish/) is answered
    from the revision as it is now, not as this worker last looked at it: a write purged from the tier is never put
    back in it by an instance that has not yet seen the write (api/serving/cache_tier.py)."""
    if "no-cache" in environ.get("HTTP_CACHE_CONTROL", ""):
        cache.expire_revision()


def lookup() -> tuple[str, Entry | None]:
    """("hit" | "not-modified" | "miss" | "bypass", entry): computed once per request, shared with the rate limiter."""
    if "response_cache" not in g:
        g.response_cache = ("bypass", None)
        environ = request.environ
        if current_app.config["CACHE_ENABLED"] and cacheable(environ) and request.blueprint not in BYPASS_BLUEPRINTS:
            cache: ResponseCache = current_app.extensions["response_cache"]
            revalidate_if_asked(cache, environ)
            looks = not cache.fresh()
            g.cache_revision = cache.current_revision()
            if looks:  # what the answer is built from, read in the same query: the revision is read once per request
                g.dataset_state = g.cache_revision[0], g.cache_revision[2]
            entry = cache.get(request_key(environ), cache.clock())
            if entry is None:
                g.response_cache = ("miss", None)
            elif entry.unmodified_for(environ):
                g.response_cache = ("not-modified", entry)
            else:
                g.response_cache = ("hit", entry)
    return g.response_cache


def answers_not_modified() -> bool:
    """True when the cache will answer this request 304 (such answers do not count against rate limits)."""
    return lookup()[0] == "not-modified"


def serve_from_cache() -> Response | None:
    result, entry = lookup()
    if result not in ("hit", "not-modified"):
        return None
    now = current_app.extensions["response_cache"].clock()
    return entry.response(now) if result == "hit" else entry.not_modified(now)


def keep_response(app: Flask, response: Response, **_) -> None:
    cache: ResponseCache = app.extensions["response_cache"]
    if request.method in UNSAFE_METHODS and response.status_code < 400:
        cache.expire_revision()  # our own write: look at the revision again on the next request
        return
    if request.method != "GET" or g.get("response_cache", ("bypass",))[0] != "miss" or not keepable(response):
        return
    headers = tuple(
        (name, value) for name, value in response.headers.items() if not name.lower().startswith(PER_REQUEST)
    )
    etag, _ = response.get_etag()
    holds = clock.holding()
    expires = float("inf") if holds is None else holds[1].timestamp()
    entry = Entry(response.get_data(), headers, etag, request.url_rule.rule, expires)
    cache.put(request_key(request.environ), entry, g.cache_revision)


def keepable(response: Response) -> bool:
    if response.status_code != HTTPStatus.OK or response.is_streamed or "Set-Cookie" in response.headers:
        return False
    cache_control = response.cache_control
    if cache_control.no_store or cache_control.private or cache_control.no_cache:
        return False
    return {name.lower() for name in response.vary} <= VARY_HANDLED
