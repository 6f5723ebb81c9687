"""Text and numbers that both databases can store, checked once for every request, so that SQLite and PostgreSQL
refuse the same input the same way: a 4xx problem naming the parameter or JSON pointer, never a 500.

PostgreSQL refuses a NUL byte in any text (SQLite stores it); neither can encode a lone surrogate as UTF-8; JSON
nested past a depth is refused before it costs a deep recursion; integers live in 32-bit columns.
"""

import re
from http import HTTPStatus

from flask import Flask, request

from api.errors import Problem
from schemas.base import INT_MAX

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MAX_DEPTH = 32  # the deepest record body is 4 levels deep


def init_app(app: Flask) -> None:
    app.before_request(refuse_unstorable_arguments)


def unstorable(text: str) -> str | None:
    """Why `text` cannot be stored, or None."""
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    return "Contains a NUL byte." if found.group() == "\x00" else "Contains a lone surrogate (not UTF-8)."


def shown(text: str) -> str:
    """`text` as a problem can quote it (a lone surrogate cannot be sent as UTF-8)."""
    return UNSTORABLE.sub("\ufffd", text)


def refuse_unstorable_arguments() -> None:
    """Path segments and query parameters with NUL bytes or lone surrogates are 400 problems naming them."""
    errors = [
        {"parameter": shown(name), "detail": why}
        for name, value in (*(request.view_args or {}).items(), *request.args.items(multi=True))
        if isinstance(value, str) and (why := unstorable(value))
    ]
    errors += [{"parameter": shown(name), "detail": why} for name in request.args if (why := unstorable(name))]
    if errors:
        raise Problem(HTTPStatus.BAD_REQUEST, "No database can store this text.", "invalid-parameter", errors=errors)


def body_problems(body, pointer: str = "", depth: int = 0) -> list[tuple[str, str]]:
    """(JSON pointer, why) for each string, key or integer of a parsed body that no database can store, and for
    nesting past MAX_DEPTH."""
    if depth > MAX_DEPTH:
        return [(pointer or "/", f"Nested deeper than {MAX_DEPTH} levels.")]
    found = []
    if isinstance(body, dict):
        items = body.items()
    elif isinstance(body, list):
        items = enumerate(body)
    else:
        items = ()
        if isinstance(body, str) and (why := unstorable(body)):
            found.append((pointer or "/", why))
        elif isinstance(body, int) and not isinstance(body, bool) and not -INT_MAX - 1 <= body <= INT_MAX:
            found.append((pointer or "/", f"Out of range: integers are between {-INT_MAX - 1} and {INT_MAX}."))
    for key, value in items:
        step = f"{pointer}/{shown(str(key)).replace('~', '~0').replace('/', '~1')}"
        if isinstance(key, str) and (why := unstorable(key)):
            found.append((step, "A member name that " + why[0].lower() + why[1:]))
        found += body_problems(value, step, depth + 1)
    return found
