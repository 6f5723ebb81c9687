"""Operations endpoints, unversioned: /healthz (the process answers), /readyz (it can serve), /metrics (Prometheus).

They are never cached, never rate-limited, and /healthz never touches the database.
"""

from http import HTTPStatus

from flask import Response, current_app

from api import db
from api.errors import Problem
from api.models import Revision
from api.serving import metrics
from api.spec import Blueprint
from schemas.ops import HealthSchema, ReadinessSchema

blp = Blueprint("ops", __name__, description="Operations: liveness, readiness and metrics.")


@blp.after_request
def never_stored(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.route("/healthz")
@blp.response(200, HealthSchema)
def get_health():
    """The process is up and answers (the database is not consulted)."""
    return {"status": "ok"}


@blp.route("/readyz")
@blp.response(200, ReadinessSchema)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def get_readiness():
    """Ready to serve: the database answers and its schema is at the version this code expects."""
    try:
        applied, pending = db.migration_state()
        revision, _ = Revision.latest_state()
    except db.UNAVAILABLE:
        raise not_ready("The database does not answer.", database="unreachable") from None
    if pending:
        detail = f"The database schema is behind this code: pending migration(s) {', '.join(pending)}."
        raise not_ready(detail, database="ok", schema="pending", pending_migrations=pending)
    return {"status": "ready", "schema_version": applied[-1] if applied else None, "dataset_revision": revision}


def not_ready(detail: str, **checks) -> Problem:
    retry_after = str(current_app.config["DATABASE_RETRY_AFTER"])
    return Problem(
        HTTPStatus.SERVICE_UNAVAILABLE, detail, "not-ready", checks=checks, headers={"Retry-After": retry_after}
    )


@blp.route("/metrics")
@blp.response(200, {"type": "string"}, content_type="text/plain", description="Prometheus text format 0.0.4.")
def get_metrics():
    """Request counts and durations, and response-cache results, added up over every worker."""
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)
