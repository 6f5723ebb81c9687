"""Rewrite api/examples.py from what the API answers on the frozen snapshot of the dataset (tests/data/snapshot/,
never the live seeds/, so that a data commit leaves the contract alone): `.venv/bin/python -m tests.refresh_examples`,
then `make openapi`. Lists are abridged to their first items. The file is formatted with ruff (installed with the test
extras)."""

import inspect
import subprocess
import sys
import tempfile
from pathlib import Path

from api import create_app, db
from api.curation import seeds
from tests.conftest import ROOT

URLS = {
    "CURRENT": "/v1/systems/fr-vigipirate/current",
    "LEVEL_AT": "/v1/systems/fr-vigipirate/level?at=2020-11-01",
    "TIMELINE": "/v1/systems/fr-vigipirate/timeline?from=2016-12-01&to=2024-08-11",
    "TIMELINE_CSV": "/v1/systems/fr-vigipirate/timeline?from=2016-12-01&to=2024-08-11&format=csv",
    "TIMELINE_NDJSON": "/v1/systems/fr-vigipirate/timeline?from=2016-12-01&to=2024-08-11&format=ndjson",
    "LEVELS": "/v1/levels?at=2016-03-23&country=BE",
    "LEVELS_CSV": "/v1/levels?at=2016-03-23&format=csv",
    "LEVELS_NDJSON": "/v1/levels?at=2016-03-23&country=GB&format=ndjson",
    "DAILY": "/v1/levels/daily?from=2016-03-21&to=2016-03-23&system=be-ocam&limit=2",
    "DAILY_CSV": "/v1/levels/daily?from=2016-11-30&to=2016-12-01&system=be-ocam,fr-vigipirate&format=csv",
    "DAILY_NDJSON": "/v1/levels/daily?from=2016-03-21&to=2016-03-23&system=be-ocam&format=ndjson&limit=2",
    "CHANGE": "/v1/changes/fr-vigipirate-2024-03-24",
    "CHANGE_LIST": "/v1/changes?system=fr-vigipirate&limit=1",
    "CHANGES_CSV": "/v1/changes?system=fr-vigipirate&format=csv&limit=2",
    "CHANGES_NDJSON": "/v1/changes?system=fr-vigipirate&format=ndjson&sort=effective_date&limit=1",
    "EVENT": "/v1/events/2024-03-22-crocus-city-hall-attack",
    "EVENT_LIST": "/v1/events?country=RU&limit=1",
    "EVENTS_CSV": "/v1/events?country=RU&format=csv&limit=1",
    "EVENTS_NDJSON": "/v1/events?country=FR&format=ndjson&sort=occurred_date&limit=1",
    "SOURCE": "/v1/sources/europe1-2016-11-vigipirate-plus",
    "SOURCE_LIST": "/v1/sources?publisher=europe&limit=1",
    "SOURCES_CSV": "/v1/sources?publisher=europe&format=csv&limit=1",
    "SOURCES_NDJSON": "/v1/sources?publisher=europe&format=ndjson&limit=1",
}
# A list's first item, when it is the record of another example, is written as that example (without the members of
# the answer itself) instead of a second copy.
ITEM_OF = {"CHANGE_LIST": "CHANGE", "EVENT_LIST": "EVENT", "SOURCE_LIST": "SOURCE"}
SHORTEN = {"justifications": 1, "measures": 1, "sources": 2, "variants": 1, "casualties": 2, "perpetrators": 1}


def abridge(value):
    if isinstance(value, dict):
        return {key: abridge(item[: SHORTEN[key]] if key in SHORTEN and isinstance(item, list) else item)
                for key, item in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [abridge(item) for item in value]
    return value


SNAPSHOT = ROOT / "tests" / "data" / "snapshot"


def snapshot_app():
    """The app on a new SQLite file holding the frozen snapshot of the dataset."""
    path = Path(tempfile.mkdtemp()) / "snapshot.sqlite3"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SEEDS_DIR": str(SNAPSHOT)})
    with app.app_context():
        db.upgrade()
        seeds.load(SNAPSHOT)
    return app


# Also written into api/examples.py, whose list examples call it.
def item(record: dict) -> dict:
    """A record as a list holds it: without the members of the answer itself."""
    return {key: value for key, value in record.items() if key not in ("dataset_revision", "lang")}


def source_of(name: str, value, values: dict) -> str:
    """`value` as Python source: a list whose first item is another example's record names that example."""
    single = values.get(ITEM_OF.get(name))
    if not single or not value["items"] or value["items"][0] != item(single):
        return repr(value)
    others = "".join(f", {other!r}" for other in value["items"][1:])
    rest = "".join(f", {key!r}: {member!r}" for key, member in value.items() if key != "items")
    return f"{{'items': [item({ITEM_OF[name]}){others}]{rest}}}"


def main() -> None:
    client = snapshot_app().test_client()
    lines = ['"""Examples for the OpenAPI document: what the API answers on the frozen snapshot of the dataset',
             '(tests/data/snapshot/), written by tests/refresh_examples.py; tests/test_examples.py checks each (lists',
             'abridged)."""',
             "", inspect.getsource(item)]  # fmt: skip
    values = {}
    for name, url in URLS.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        json = response.mimetype == "application/json"
        values[name] = abridge(response.get_json()) if json else response.get_data(as_text=True)
        lines += [f"{name} = {source_of(name, values[name], values) if name in ITEM_OF else repr(values[name])}", ""]
    path = ROOT / "api" / "examples.py"
    path.write_text("\n".join(lines))
    subprocess.run([Path(sys.executable).parent / "ruff", "format", "--quiet", path], check=True)  # readable diffs


if __name__ == "__main__":
    main()
