"""Concurrent curators on one record, each thread with its own client and database connection: exactly one of two
edits made from the same version wins, and no update is lost (SQLite and PostgreSQL)."""

import json
import threading
from http import HTTPStatus

from flask.testing import FlaskClient

from api.models import Revision

URL = "/v1/changes/zz-alert-2024-03-24"
WRITERS = 4
EDITS_EACH = 3


def curator(app, token: str):
    client = FlaskClient(app, app.response_class)  # one per thread: a connection of its own

    def edit(notes: str, etag: str):
        return client.patch(URL, data=json.dumps({"notes": notes}), content_type="application/merge-patch+json",
                            headers={"Authorization": f"Bearer {token}", "If-Match": etag})  # fmt: skip

    return client, edit


def run_all(target, count: int) -> None:
    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_of_curators_editing_the_same_version_exactly_one_wins(app, tokens):
    ready, statuses = threading.Barrier(WRITERS), []

    def write(index):
        client, edit = curator(app, tokens["editor"])
        etag = client.get(URL).headers["ETag"]
        ready.wait()  # every curator holds the same version before anyone writes
        statuses.append(edit(f"Edited by curator {index}.", etag).status_code)

    run_all(write, WRITERS)
    assert sorted(statuses) == [HTTPStatus.OK] + [HTTPStatus.PRECONDITION_FAILED] * (WRITERS - 1)


def test_no_update_is_lost_when_curators_retry_on_412(app, tokens, client):
    with app.app_context():
        revisions_before = Revision.select().count()
    failures = []

    def write(index):
        reader, edit = curator(app, tokens["editor"])
        done = 0
        while done < EDITS_EACH:
            current = reader.get(URL)
            notes = current.get_json()["notes"] or ""
            status = edit(f"{notes} w{index}.{done}".strip(), current.headers["ETag"]).status_code
            if status == HTTPStatus.OK:
                done += 1
            elif status != HTTPStatus.PRECONDITION_FAILED:
                failures.append(status)
                return

    run_all(write, WRITERS)
    assert failures == []
    marks = client.get(URL).get_json()["notes"].split()
    assert sorted(marks) == sorted(f"w{i}.{n}" for i in range(WRITERS) for n in range(EDITS_EACH))  # none lost
    with app.app_context():
        assert Revision.select().count() == revisions_before + WRITERS * EDITS_EACH
