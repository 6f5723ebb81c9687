"""The dataset-wide changelog: GET /v1/revisions and its Atom feed."""

import datetime
import json
from http import HTTPStatus
from urllib.parse import urlsplit

import jsonpatch

from tests.embed.test_feeds import A, feed, one
from tests.helpers import assert_problem
from tests.v1.test_curation import patch

CHANGE = "/v1/changes/zz-alert-2024-05-10"


def walk(client, url: str, headers=None) -> list[dict]:
    """Every entry, following the `next` links."""
    items = []
    while url:
        response = client.get(url, headers=headers)
        assert response.status_code == HTTPStatus.OK
        items += response.get_json()["items"]
        nexts = [part for part in response.headers["Link"].split(", ") if part.endswith('rel="next"')]
        url = urlsplit(nexts[0].split(">")[0][1:])._replace(scheme="", netloc="").geturl() if nexts else None
    return items


def test_the_changelog_lists_every_revision_newest_first_with_a_total(client):
    body = client.get("/v1/revisions").get_json()
    assert body["total"] == 8 == body["dataset_revision"]
    assert [item["id"] for item in body["items"]] == list(range(8, 0, -1))
    first = body["items"][-1]
    assert (first["kind"], first["action"], first["author"], first["previous_revision"]) == (
        "source", "create", "seeds", None,
    )  # fmt: skip
    assert first["patch"][0]["op"] == "add" and first["patch"][0]["path"] == ""
    assert first["history_url"] == first["record_url"] + "/revisions"


def test_pages_never_skip_or_repeat_while_revisions_are_written(client, editor):
    first = client.get("/v1/revisions?limit=3")
    next_url = first.headers["Link"].split(", ")[-1]
    assert next_url.endswith('rel="next"')
    assert (
        patch(client, CHANGE, {"notes": "Written mid-walk."}, editor, client.get(CHANGE).headers["ETag"]).status_code
        == 200
    )
    rest = walk(client, urlsplit(next_url.split(">")[0][1:])._replace(scheme="", netloc="").geturl())
    ids = [item["id"] for item in first.get_json()["items"] + rest]
    assert ids == list(range(8, 0, -1))  # the new revision 9 is before the cursor: the walk goes on where it was


def test_each_patch_turns_the_previous_revision_into_this_one(client, editor):
    for notes in ("First note.", "Second note."):
        etag = client.get(CHANGE).headers["ETag"]
        assert patch(client, CHANGE, {"notes": notes}, editor, etag).status_code == HTTPStatus.OK
    entries = client.get("/v1/revisions?record=zz-alert-2024-05-10").get_json()["items"]
    assert [entry["action"] for entry in entries] == ["update", "update", "create"]
    assert entries[0]["patch"] == [{"op": "replace", "path": "/notes", "value": "Second note."}]
    assert entries[0]["previous_revision"] == entries[1]["id"]
    history = {item["id"]: item["content"] for item in client.get(CHANGE + "/revisions").get_json()["items"]}
    content = None
    for entry in reversed(entries):
        content = jsonpatch.apply_patch(content, entry["patch"])
        assert content == history[entry["id"]]


def test_filters_by_kind_record_author_and_date(client, editor):
    assert {item["kind"] for item in client.get("/v1/revisions?kind=source").get_json()["items"]} == {"source"}
    assert client.get("/v1/revisions?kind=source").get_json()["total"] == 2
    assert client.get("/v1/revisions?author=test-editor").get_json()["total"] == 0
    patch(client, CHANGE, {"notes": "By an editor."}, editor, client.get(CHANGE).headers["ETag"])
    mine = client.get("/v1/revisions?author=test-editor&kind=change&record=zz-alert-2024-05-10").get_json()
    assert [(item["id"], item["author"]) for item in mine["items"]] == [(9, "test-editor")]
    today = datetime.datetime.now(datetime.UTC).date()
    assert client.get(f"/v1/revisions?from={today}&to={today}").get_json()["total"] == 9
    assert client.get(f"/v1/revisions?to={today - datetime.timedelta(days=1)}").get_json()["total"] == 0
    assert client.get(f"/v1/revisions?from={today + datetime.timedelta(days=1)}").get_json()["items"] == []


def test_bad_filters_are_problems_naming_the_parameter(client):
    for query, parameter in (("kind=changes", "kind"), ("from=2024-13-01", "from"), ("to=2024-01-01&from=2024-02-01", "to"),
                             ("colour=red", "colour"), ("cursor=nonsense", "cursor"), ("limit=0", "limit")):  # fmt: skip
        body = assert_problem(client.get(f"/v1/revisions?{query}"), HTTPStatus.BAD_REQUEST)
        assert body["errors"][0]["parameter"] == parameter, query
    assert_problem(client.get("/v1/revisions", headers={"Authorization": "Bearer wrong"}), HTTPStatus.UNAUTHORIZED)


def test_the_public_never_sees_what_only_admins_may(client, admin, editor):
    etag = client.get(CHANGE).headers["ETag"]
    client.delete(CHANGE, headers={**admin, "If-Match": etag, "X-Change-Reason": "No such regional change."})
    source = {"id": "test-leaflet", "kind": "official", "title": "Test leaflet", "language": "en"}
    client.post("/v1/sources", json=source, headers=editor)
    etag = client.get("/v1/sources/test-leaflet").headers["ETag"]
    client.delete("/v1/sources/test-leaflet", headers={**admin, "If-Match": etag, "X-Change-Reason": "Duplicate."})
    client.post("/v1/sources", json={**source, "title": "Test leaflet, again"}, headers=editor)

    public = walk(client, "/v1/revisions?limit=2")
    assert all(item["record_id"] != "zz-alert-2024-05-10" for item in public)
    leaflet = [item for item in public if item["record_id"] == "test-leaflet"]
    assert [(item["id"], item["action"]) for item in leaflet] == [(12, "create")]
    assert leaflet[0]["patch"] == [{"op": "add", "path": "", "value": leaflet[0]["patch"][0]["value"]}]
    assert leaflet[0]["patch"][0]["value"]["title"] == "Test leaflet, again"
    assert "No such regional change." not in json.dumps(public)
    assert client.get("/v1/revisions").get_json()["total"] == len(public) == 8

    everything = walk(client, "/v1/revisions?limit=5", headers=admin)
    assert [item["id"] for item in everything] == list(range(12, 0, -1))
    retraction = next(item for item in everything if item["id"] == 9)
    assert (retraction["action"], retraction["reason"]) == ("retract", "No such regional change.")
    assert retraction["patch"] == [{"op": "replace", "path": "", "value": None}]


def test_the_changelog_feed_is_valid_atom_newest_first(client, admin):
    root = feed(client, "/v1/revisions.atom")
    entries = root.findall(A + "entry")
    assert [one(entry, "id").text for entry in entries] == [
        f"tag:threat-levels-api,2026:revisions/{n}" for n in range(8, 0, -1)
    ]
    assert one(entries[0], "title").text == "Revision 8: create change zz-alert-2024-05-10"
    assert json.loads(one(entries[0], "content").text)[0]["op"] == "add"
    sources = feed(client, "/v1/revisions.atom?kind=source").findall(A + "entry")
    assert len(sources) == 2
    etag = client.get(CHANGE).headers["ETag"]
    client.delete(CHANGE, headers={**admin, "If-Match": etag, "X-Change-Reason": "Secret reason."})
    assert b"Secret reason." not in client.get("/v1/revisions.atom").data
    assert b"Secret reason." in client.get("/v1/revisions.atom", headers=admin).data
