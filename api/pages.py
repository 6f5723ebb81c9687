"""Keyset pagination: a page never skips or repeats a record while records are added."""

import datetime

from peewee import DateField, Tuple

from api.http import decode_cursor, encode_cursor, link_header

# No well-kept library pages peewee queries by keyset (flask-smorest's pagination is by offset, which skips and
# repeats rows when data is inserted mid-walk); this is the whole of it.


def keyset_page(query, keys: tuple, *, descending: bool, limit: int, cursor: str | None, params: dict):
    """(rows, headers): the page after `cursor` in `keys` order, and a Link header with first and next."""
    types = tuple(datetime.date.fromisoformat if isinstance(key, DateField) else str for key in keys)
    if cursor:
        after = Tuple(*decode_cursor(cursor, types))
        query = query.where(Tuple(*keys) < after if descending else Tuple(*keys) > after)
    query = query.order_by(*[key.desc() if descending else key for key in keys])
    rows = list(query.limit(limit + 1))
    page = rows[:limit]
    links = {"first": {**params, "limit": limit}}
    if len(rows) > limit:
        last = page[-1]
        links["next"] = {**params, "limit": limit, "cursor": encode_cursor(tuple(getattr(last, k.name) for k in keys))}
    return page, {"Link": link_header(links)}


def list_page(items: list, key, *, limit: int, cursor: str | None, params: dict):
    """(items, headers) as keyset_page does, for a list already in memory in descending order of the integer `key`."""
    if cursor:
        (after,) = decode_cursor(cursor, (int,))
        items = [item for item in items if key(item) < after]
    page = items[:limit]
    links = {"first": {**params, "limit": limit}}
    if len(items) > limit:
        links["next"] = {**params, "limit": limit, "cursor": encode_cursor((key(page[-1]),))}
    return page, {"Link": link_header(links)}


LINK_HEADER = {
    "Link": {"description": "RFC 8288 links: `first`, and `next` while there are more.", "schema": {"type": "string"}}
}
