"""A write that cannot get a lock within DATABASE_BUSY_TIMEOUT is a 503 problem with Retry-After, writes nothing, and
goes through once the lock is free; reads go on meanwhile. The lock is held by a real second connection: SQLite's
single writer lock (BEGIN IMMEDIATE on the same file); on PostgreSQL, the revision table every write appends to
(LOCK TABLE ... IN EXCLUSIVE MODE, which still lets reads through), bounded by lock_timeout."""

import json
import sqlite3
from http import HTTPStatus

import psycopg2
import pytest

from api import db
from api.models import Revision
from tests.helpers import NEW_CHANGE, assert_problem
from tests.serving.test_cache import rebuilt

SOURCE = {"id": "new-source", "kind": "official", "publisher": "Test authority", "title": "New bulletin",
          "language": "en", "published_date": "2024-06-01", "url": None}  # fmt: skip


@pytest.fixture
def impatient(app):
    """A client of the app whose writes wait 50 ms for a lock."""
    yield rebuilt(app, DATABASE_BUSY_TIMEOUT=0.05).test_client()
    db.close_all()


@pytest.fixture
def locked(app):
    """Another connection to the app's database holding what every write needs, until the test rolls it back."""
    database_url = app.config["DATABASE_URL"]
    if database_url.startswith("sqlite"):
        holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        holder = psycopg2.connect(database_url)  # the test's own schema, from the URL's search_path
        holder.cursor().execute("LOCK TABLE revision IN EXCLUSIVE MODE")  # psycopg2 opened a transaction
    yield holder
    holder.rollback()
    holder.close()


def writes(client) -> dict:
    etag = client.get("/v1/changes/zz-alert-2024-05-10").headers["ETag"]
    patch = {"data": json.dumps({"summary": {"en": "Corrected."}}), "content_type": "application/merge-patch+json",
             "headers": {"If-Match": etag}}  # fmt: skip
    return {
        "create": ("POST", "/v1/sources", {"json": SOURCE}),
        "update": ("PATCH", "/v1/changes/zz-alert-2024-05-10", patch),
        "batch": (
            "POST",
            "/v1/batch",
            {"json": {"operations": [{"method": "POST", "path": "/v1/changes", "body": NEW_CHANGE}]}},
        ),  # fmt: skip
    }


def send(client, editor, write) -> object:
    method, url, options = write
    headers = {**editor, "X-Change-Reason": "Test.", **options.get("headers", {})}
    return client.open(url, method=method, headers=headers, **{k: v for k, v in options.items() if k != "headers"})


@pytest.mark.parametrize("kind", ["create", "update", "batch"])
def test_a_write_that_cannot_get_the_lock_is_a_503_with_retry_after(app, impatient, editor, locked, kind):
    write = writes(impatient)[kind]
    with app.app_context():
        before = Revision.select().count()
    response = send(impatient, editor, write)
    body = assert_problem(response, HTTPStatus.SERVICE_UNAVAILABLE)
    assert body["type"].endswith("/unavailable") and body["detail"] == db.BUSY
    assert response.headers["Retry-After"] == str(app.config["DATABASE_RETRY_AFTER"])
    assert "locked" not in response.get_data(as_text=True)
    assert impatient.get("/v1/systems/zz-alert/current").status_code == HTTPStatus.OK, "reads go on"
    locked.rollback()
    with app.app_context():
        assert Revision.select().count() == before, "nothing was written"
    assert send(impatient, editor, write).status_code in (HTTPStatus.OK, HTTPStatus.CREATED)
