"""Answers to requests with credentials are private; anonymous answers never depend on a credential."""

from http import HTTPStatus

from tests.helpers import assert_problem

RETRACTED = "/v1/changes/zz-alert-2024-05-10"


def retract(client, admin) -> None:
    etag = client.get(RETRACTED).headers["ETag"]
    response = client.delete(RETRACTED, headers={**admin, "If-Match": etag, "X-Change-Reason": "Never happened."})
    assert response.status_code == HTTPStatus.NO_CONTENT
    assert response.headers["Cache-Control"] == "private, no-store"


def test_an_admins_view_of_a_retracted_record_is_private_and_never_shared(client, admin):
    retract(client, admin)
    history = client.get(RETRACTED + "/revisions", headers=admin)
    assert history.status_code == HTTPStatus.OK
    assert history.headers["Cache-Control"] == "private, no-store"
    # Neither the response cache nor a shared cache downstream gives it to anyone else.
    anonymous = client.get(RETRACTED + "/revisions")
    assert_problem(anonymous, HTTPStatus.GONE)
    assert "Never happened" not in anonymous.get_data(as_text=True).replace(anonymous.get_json()["detail"], "")
    assert "private" not in anonymous.headers.get("Cache-Control", "")


def test_anonymous_revisions_stay_public_and_kept(client, admin):
    url = "/v1/changes/zz-alert-2024-03-24/revisions"
    first, second = client.get(url), client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert first.headers["Cache-Control"].startswith("public")
    assert second.get_data() == first.get_data()
    as_admin = client.get(url, headers=admin)
    assert as_admin.headers["Cache-Control"] == "private, no-store" and "Authorization" not in as_admin.vary


def test_every_answer_to_a_request_with_credentials_is_private(client, editor):
    for url in ("/v1/changes/zz-alert-2024-03-24", "/v1/systems/zz-alert/current", "/v1/changes?limit=1"):
        client.get(url)  # kept for the public
        response = client.get(url, headers=editor)
        assert response.status_code == HTTPStatus.OK
        assert response.headers["Cache-Control"] == "private, no-store", url
        conditional = client.get(url, headers={**editor, "If-None-Match": response.headers["ETag"]})
        assert conditional.status_code == HTTPStatus.NOT_MODIFIED
        assert conditional.headers["Cache-Control"] == "private, no-store"
    refused = client.get("/v1/changes/zz-alert-2024-03-24/revisions", headers={"Authorization": "Bearer tla_nope"})
    assert_problem(refused, HTTPStatus.UNAUTHORIZED)
    assert refused.headers["Cache-Control"] == "private, no-store"
