"""The app's side of the HTTP cache tier: surrogate keys on answers, and after each committed write a PURGE of exactly
the keys it touched on every node of CACHE_PURGE_URLS, retried and logged when a node is down, never failing the
write. The nodes here are real HTTP servers that record what they are sent (tests/serving/test_cache_tier.py runs
Varnish itself)."""

import logging
import shutil
import socket
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api import auth, create_app, db
from api.curation import seeds
from api.serving import cache_tier
from tests.conftest import TEST_SEEDS, ContractClient
from tests.helpers import NEW_CHANGE


class PurgeNode(ThreadingHTTPServer):
    """A cache node that answers PURGE with 200 and records the keys of each."""

    def __init__(self):
        self.purges: list[list[str]] = []
        self.arrived = threading.Event()
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def wait(self, count: int = 1, timeout: float = 5) -> list[list[str]]:
        """The distinct purges received (each is sent twice, a second apart), once `count` of them arrived."""
        deadline = time.monotonic() + timeout
        while len(self.distinct()) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.distinct()

    def distinct(self) -> list[list[str]]:
        return [list(keys) for keys in dict.fromkeys(tuple(keys) for keys in self.purges)]


class PurgeHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 (the method's name)
        self.server.purges.append(self.headers["xkey-purge"].split())
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def closed_port_url() -> str:
    """The address of a node that is down: a port nobody listens on."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def nodes():
    made = [PurgeNode(), PurgeNode()]
    yield made
    for node in made:
        node.shutdown()
        node.server_close()


def tier_app(database_url, purge_urls: str):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SEEDS_DIR": str(TEST_SEEDS),
                      "CACHE_REVISION_TTL": 0, "CACHE_PURGE_URLS": purge_urls})  # fmt: skip
    app.test_client_class = ContractClient
    with app.app_context():
        db.upgrade()
        seeds.load(TEST_SEEDS)
    return app


@pytest.fixture
def editor_of():
    def token(app):
        with app.app_context():
            return {"Authorization": f"Bearer {auth.create_token('test-editor', 'editor')}"}

    yield token
    db.close_all()


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("/v1/systems/zz-alert/current", "system/zz-alert history/zz-alert"),
        ("/v1/systems/zz-alert/timeline?from=2020-01-01&to=2024-01-01", "system/zz-alert history/zz-alert"),
        ("/embed/v1/zz-alert.svg", "system/zz-alert history/zz-alert"),
        (
            "/v1/changes/zz-alert-2024-03-24",
            "change/zz-alert-2024-03-24 system/zz-alert event/2024-03-22-test-attack source/test-newspaper source/test-bulletin",
        ),
        (
            "/v1/justifications/zz-alert-2024-03-24-minister",
            "change/zz-alert-2024-03-24 system/zz-alert event/2024-03-22-test-attack source/test-newspaper source/test-bulletin",
        ),
        ("/v1/events/2024-03-22-test-attack", "event/2024-03-22-test-attack source/test-newspaper"),
        ("/v1/sources/test-bulletin", "source/test-bulletin"),
        ("/v1/changes?system=zz-alert", "list/changes"),
        ("/v1/sources", "list/sources"),
        ("/v1", "dataset"),
        ("/v1/changes.atom", "dataset"),
        ("/v1/changes/zz-alert-2024-03-24/revisions", "dataset"),
    ],
)
def test_every_answer_names_what_it_shows(client, path, keys):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    assert sorted(response.headers[cache_tier.HEADER].split()) == sorted(keys.split())
    assert client.get(path).headers[cache_tier.HEADER] == response.headers[cache_tier.HEADER], "kept with the answer"


def test_a_write_purges_exactly_the_keys_it_touched_on_every_node_after_the_commit(database_url, nodes, editor_of):
    app = tier_app(database_url, ",".join(node.url for node in nodes))
    client = app.test_client()
    editor = editor_of(app)
    response = client.post("/v1/changes", json=NEW_CHANGE, headers=editor)
    assert response.status_code == HTTPStatus.CREATED
    expected = ["change/zz-alert-2024-06-01", "dataset", "history/zz-alert", "list/changes", "list/systems"]
    for node in nodes:
        assert node.wait() == [expected]

    etag = client.get("/v1/sources/test-bulletin").headers["ETag"]
    headers = {**editor, "If-Match": etag, "Content-Type": "application/merge-patch+json"}
    assert (
        client.patch("/v1/sources/test-bulletin", data='{"reliability": "Checked."}', headers=headers).status_code
        == 200
    )
    assert nodes[0].wait(2)[1] == ["dataset", "list/changes", "list/events", "list/sources", "source/test-bulletin"]


def test_a_refused_write_purges_nothing(database_url, nodes, editor_of):
    app = tier_app(database_url, nodes[0].url)
    client = app.test_client()
    assert (
        client.post("/v1/changes", json={**NEW_CHANGE, "to_level": "nope"}, headers=editor_of(app)).status_code == 422
    )
    assert client.get("/v1/systems/zz-alert/current").status_code == HTTPStatus.OK
    time.sleep(0.3)
    assert nodes[0].purges == []


def test_a_retracted_change_purges_its_system_history(database_url, nodes, editor_of):
    app = tier_app(database_url, nodes[0].url)
    client = app.test_client()
    assert client.post("/v1/changes", json=NEW_CHANGE, headers=editor_of(app)).status_code == HTTPStatus.CREATED
    nodes[0].wait()
    time.sleep(cache_tier.PURGE_AGAIN_AFTER + 0.5)  # the create's purge, sent twice, is over
    before = len(nodes[0].purges)
    with app.app_context():
        admin = {"Authorization": f"Bearer {auth.create_token('test-admin', 'admin')}"}
    etag = client.get("/v1/changes/zz-alert-2024-06-01").headers["ETag"]
    retracted = client.delete("/v1/changes/zz-alert-2024-06-01",
                              headers={**admin, "If-Match": etag, "X-Change-Reason": "A test."})  # fmt: skip
    assert retracted.status_code == HTTPStatus.NO_CONTENT
    deadline = time.monotonic() + 5
    while len(nodes[0].purges) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    expected = ["change/zz-alert-2024-06-01", "dataset", "history/zz-alert", "list/changes", "list/systems"]
    assert nodes[0].purges[before] == expected, "the system is read from the revision before the retraction"


def test_a_node_that_is_down_is_retried_and_logged_and_the_write_stands(database_url, nodes, editor_of, caplog):
    down = closed_port_url()
    app = tier_app(database_url, f"{down},{nodes[0].url}")
    client = app.test_client()
    caplog.set_level(logging.INFO, logger="api.cache_tier")
    started = time.monotonic()
    response = client.post("/v1/changes", json=NEW_CHANGE, headers=editor_of(app))
    assert response.status_code == HTTPStatus.CREATED and time.monotonic() - started < 2, "the write never waits"
    assert nodes[0].wait() != [], "the node that is up is purged"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        down_lines = [record for record in caplog.records if getattr(record, "node", None) == down]
        if any(record.levelname == "ERROR" for record in down_lines):
            break
        time.sleep(0.05)
    assert [record.levelname for record in down_lines] == ["WARNING"] * len(cache_tier.PURGE_RETRY_DELAYS) + ["ERROR"]
    assert client.get("/v1/systems/zz-alert/current").get_json()["change_id"] == "zz-alert-2024-06-01"


def test_seeds_load_purges_what_it_wrote(database_url, nodes, tmp_path, editor_of):
    app = tier_app(database_url, nodes[0].url)
    seeds_dir = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, seeds_dir)
    source = seeds_dir / "sources/test-bulletin.yaml"
    source.write_text(source.read_text().replace("reliability: A fixture.", "reliability: Checked again."))
    app.config["SEEDS_DIR"] = str(seeds_dir)
    result = app.test_cli_runner().invoke(args=["seeds", "load"])
    assert result.exit_code == 0, result.output
    assert nodes[0].wait() == [["dataset", "list/changes", "list/events", "list/sources", "source/test-bulletin"]]
    editor_of(app)  # closes the pools at the end
