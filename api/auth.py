"""Bearer tokens for curation: made and revoked from the CLI, kept only as SHA-256 digests, checked on each write.

A token is 32 random bytes from `secrets` (256 bits), so a fast hash is the right one: slow password hashes (bcrypt,
argon2) defend low-entropy secrets against guessing, and nobody can guess through 2**256 tokens. The database finds
the row by its digest (an index lookup leaks, at most, timing about a digest, which does not help to forge a token);
the digest is then compared with `hmac.compare_digest`, in constant time.
"""

import datetime
import functools
import hashlib
import hmac
import logging
import secrets
from http import HTTPStatus

from flask import g, request

from api.curation.edits import Signature
from api.errors import Problem
from api.inputs import JSON, MERGE_PATCH, change_reason, if_match, invalid, json_body
from api.models import Token

ROLES = ("editor", "admin")  # each role may do what the roles before it may
TOKEN_PREFIX = "tla_"  # makes a leaked token recognisable to secret scanners
REALM = "threat-levels-api"
log = logging.getLogger(__name__)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(name: str, role: str) -> str:
    """Store a new token's digest under a name and role; return the plain token (the only time it exists)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    Token.create(name=name, role=role, digest=digest(token))
    return token


def revoke_token(name: str) -> Token | None:
    token = Token.get_or_none(Token.name == name)
    if token is not None and token.revoked_at is None:
        token.revoked_at = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        token.save()
    return token


def presented_token() -> str | None:
    """The token of an `Authorization: Bearer ...` header; None without one; a 401 for another scheme."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("The Authorization header must be `Bearer <token>`.", "no bearer token", error=True)
    return token.strip()


def authenticated() -> Token | None:
    """The active token the request presents, None when it presents none; a 401 for an unknown or revoked one."""
    token = presented_token()
    if token is None:
        return None
    wanted = digest(token)
    row = Token.active_with_digest(wanted)
    if row is None or not hmac.compare_digest(row.digest, wanted):
        raise unauthorized("This token is unknown or revoked.", "unknown or revoked token", error=True)
    return row


def require(role: str):
    """Decorator: the view runs only for an active token with this role (or a higher one); `g.token` holds it."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            token = authenticated()
            if token is None:
                raise unauthorized("Writes need a bearer token: `Authorization: Bearer <token>`.", "no token")
            if not has_role(token, role):
                log.warning("curation refused: %s %s by %r (%s) needs role %s", request.method, request.path,
                            token.name, token.role, role)  # fmt: skip
                raise Problem(
                    HTTPStatus.FORBIDDEN,
                    f"The token {token.name!r} has the role {token.role!r}; this needs {role!r}.",
                    "forbidden",
                    headers={"WWW-Authenticate": f'Bearer realm="{REALM}", error="insufficient_scope", scope="{role}"'},
                )
            g.token = token
            return view(*args, **kwargs)

        return wrapper

    return decorator


def has_role(token: Token | None, role: str) -> bool:
    return token is not None and ROLES.index(token.role) >= ROLES.index(role)


def unauthorized(detail: str, why: str, error: bool = False) -> Problem:
    """A 401 with its challenge (RFC 6750), after logging the attempt: what, from where, why; never the token."""
    log.warning("curation authentication failed: %s %s from %s: %s", request.method, request.path,
                request.remote_addr, why)  # fmt: skip
    challenge = f'Bearer realm="{REALM}"' + (', error="invalid_token"' if error else "")
    return Problem(HTTPStatus.UNAUTHORIZED, detail, "unauthorized", headers={"WWW-Authenticate": challenge})


def write_body(patch: bool = False) -> tuple[dict, Signature]:
    """The JSON body of a write (a merge patch for PATCH) and its signature: the token's name and the reason."""
    body = json_body((MERGE_PATCH, JSON) if patch else (JSON,))
    return body, Signature(g.token.name, change_reason(body))


def retraction() -> tuple:
    """If-Match and signature of a retraction, which must say why (a record leaving a cited dataset)."""
    etags = if_match()
    signature = Signature(g.token.name, change_reason(None))
    if signature.reason is None:
        raise invalid([("/reason", "A retraction says why: send the X-Change-Reason header.")])
    return etags, signature
