"""A deprecated operation says so on every answer (RFC 9745 Deprecation, RFC 8594 Sunset, Links to the policy and the
successor) and in the contract; tested on a route that exists only here."""

import datetime
from http import HTTPStatus

import pytest
from flask.testing import FlaskClient

from api.errors import Problem
from api.http.deprecation import deprecated
from api.http.render import render
from api.spec import Blueprint
from schemas.base import QueryArgs
from schemas.changelog import ChangelogSchema
from tests.helpers import assert_problem

SINCE = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
SUNSET = datetime.datetime(2027, 6, 30, 23, 59, 59, tzinfo=datetime.UTC)


@pytest.fixture
def deprecated_app(app):
    blp = Blueprint("old_things", __name__, url_prefix="/v1")

    @blp.route("/old-things")
    @blp.arguments(QueryArgs, location="query")
    @blp.response(200, ChangelogSchema)
    @deprecated(SINCE, sunset=SUNSET, successor="/v1/revisions")
    def list_old_things(args):
        """A test-only operation, deprecated."""
        if args.get("lang") == "fr":
            raise Problem(HTTPStatus.NOT_FOUND, "Not in French.", "not-found")
        return render(ChangelogSchema(), {"items": []}, headers={"Link": '</v1/old-things>; rel="first"'})

    @blp.route("/current-things")
    @blp.response(200, ChangelogSchema)
    def list_current_things():
        """A test-only operation, not deprecated."""
        return render(ChangelogSchema(), {"items": []})

    app.extensions["flask-smorest"]["apis"][""]["ext_obj"].register_blueprint(blp)
    return app


@pytest.mark.own_app  # adds routes
def test_a_deprecated_operation_announces_its_deprecation_sunset_policy_and_successor(deprecated_app):
    client = FlaskClient(deprecated_app, deprecated_app.response_class)  # the route is not in openapi.yaml
    response = client.get("/v1/old-things")
    assert response.status_code == HTTPStatus.OK
    assert response.headers["Deprecation"] == f"@{int(SINCE.timestamp())}" == "@1796083200"
    assert response.headers["Sunset"] == "Wed, 30 Jun 2027 23:59:59 GMT"
    assert response.headers["Link"] == (
        '</v1/old-things>; rel="first", </docs/versioning>; rel="deprecation"; type="text/markdown", '
        '</docs/versioning>; rel="sunset"; type="text/markdown", </v1/revisions>; rel="successor-version"'
    )
    again = client.get("/v1/old-things", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED  # a 304 carries the validators only (RFC 9110 15.4.5)
    error = client.get("/v1/old-things?lang=fr")
    assert_problem(error, HTTPStatus.NOT_FOUND)
    assert error.headers["Sunset"] == "Wed, 30 Jun 2027 23:59:59 GMT"


@pytest.mark.own_app  # adds routes
def test_other_operations_carry_no_deprecation(deprecated_app):
    response = FlaskClient(deprecated_app, deprecated_app.response_class).get("/v1/current-things")
    assert response.status_code == HTTPStatus.OK
    assert "Deprecation" not in response.headers and "Sunset" not in response.headers


@pytest.mark.own_app  # adds routes
def test_the_contract_marks_the_operation_deprecated(deprecated_app):
    paths = deprecated_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()["paths"]
    assert paths["/v1/old-things"]["get"]["deprecated"] is True
    assert "Use `/v1/revisions` instead." in paths["/v1/old-things"]["get"]["description"]
    assert "deprecated" not in paths["/v1/current-things"]["get"]


def test_the_policy_the_links_point_at_is_served(client):
    response = client.get("/docs/versioning")
    assert response.status_code == HTTPStatus.OK and response.mimetype == "text/markdown"
    assert response.get_data(as_text=True).startswith("# Versioning")


def test_a_sunset_before_the_deprecation_is_refused():
    with pytest.raises(ValueError):
        deprecated(SINCE, sunset=SINCE - datetime.timedelta(days=1))
