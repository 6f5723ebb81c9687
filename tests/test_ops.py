"""Operations endpoints: liveness without the database, readiness with it, and Prometheus metrics."""

from http import HTTPStatus

from api import create_app, db
from tests.helpers import assert_problem


def test_healthz_answers_without_consulting_the_database(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}"})
    response = app.test_client().get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_ready_when_the_schema_is_current(client):
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready"
    assert body["schema_version"] == db.migration_state()[0][-1]
    assert body["dataset_revision"] > 0


def test_readyz_is_a_503_problem_when_migrations_are_pending(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url})
    with app.app_context():
        db.upgrade("0001_initial")
    try:
        response = app.test_client().get("/readyz")
        body = assert_problem(response, HTTPStatus.SERVICE_UNAVAILABLE)
        assert body["type"].endswith("/not-ready")
        assert body["checks"]["pending_migrations"] == db.pending_migrations()
        assert response.headers["Retry-After"]
    finally:
        db.close_all()


def test_readyz_is_a_503_problem_when_the_database_does_not_answer(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}"})
    body = assert_problem(app.test_client().get("/readyz"), HTTPStatus.SERVICE_UNAVAILABLE)
    assert body["checks"] == {"database": "unreachable"}


def test_metrics_count_requests_by_route_and_status(client):
    client.get("/v1/systems/zz-alert")
    client.get("/v1/systems/zz-alert")
    response = client.get("/metrics")
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert 'http_requests_total{method="GET",route="/v1/systems/<string:system_id>",status="200"}' in text
    assert "http_request_duration_seconds_bucket" in text
    assert 'response_cache_lookups_total{result="hit"}' in text
