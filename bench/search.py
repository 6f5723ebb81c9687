"""Full text at scale: the cost of `GET /v1/changes?q=...` (first page and total) on 100,000 synthetic changes, as a
ratio to the same request on the real dataset. Not a test: run `.venv/bin/python bench/search.py [DATABASE_URL]`
(default: a new SQLite file; a PostgreSQL URL gets a schema of its own, dropped afterwards). Prints timings.

The synthetic changes live only in that new database, never in the curated one; their summaries are drawn from a
fixed vocabulary (no facts), and their search documents are written in bulk (what reindex_change would write)."""

import datetime
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg2

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from api import create_app, db, seeds  # noqa: E402
from api.models import Change, Level  # noqa: E402

SIZE = 100_000
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"]  # fmt: skip
QUERIES = ("crocus", "attentat", '"urgence attentat"', "macron attal")
SYNTHETIC_QUERIES = ("zulu", "alpha bravo", '"tango uniform"', "nothingatall")


def app_for(url: str | None):
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "CACHE_ENABLED": False, "RATELIMIT_ENABLED": False})  # every request a miss
    with app.app_context():
        db.upgrade()
        seeds.load(ROOT / "seeds")
    return app


def add_synthetic(app) -> None:
    rng = random.Random(3)
    with app.app_context(), db.database.atomic():
        level = Level.get(code="urgence-attentat")
        start = datetime.date(1900, 1, 1)
        for offset in range(0, SIZE, 5000):
            rows, documents = [], []
            for n in range(offset, offset + 5000):
                summary = " ".join(rng.choice(WORDS) for _ in range(30))
                rows.append({"id": f"zz-bench-{n:06d}", "system": "fr-vigipirate", "from_level": level.id,
                             "to_level": level.id, "direction": "rescale", "scope_type": "national",
                             "effective_date": start + datetime.timedelta(days=n // 3), "summary_en": summary,
                             "variants": "[]"})  # fmt: skip
                documents.append((rows[-1]["id"], summary))
            Change.insert_many(rows).execute()
            for change_id, body in documents:
                if db.is_sqlite():
                    db.database.execute_sql(
                        "INSERT INTO change_search (change_id, body) VALUES (?, ?)", (change_id, body)
                    )
                else:
                    db.database.execute_sql(
                        "INSERT INTO change_search (change_id, body, document) VALUES (%s, %s, to_tsvector('simple', %s))",
                        (change_id, body, body),
                    )
        if not db.is_sqlite():
            db.database.execute_sql("ANALYZE")


def timed(client, q: str, repeat: int = 7) -> float:
    """Median seconds for the first JSON page (limit 50, with its total) of changes matching q."""
    durations = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get("/v1/changes", query_string={"q": q, "limit": 50})
        assert response.status_code == 200, response.get_data(as_text=True)
        durations.append(time.perf_counter() - began)
    return statistics.median(durations)


def main(url: str | None) -> None:
    schema = None
    if url and url.startswith("postgres"):
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = psycopg2.connect(url)
        admin.autocommit = True
        admin.cursor().execute(f"CREATE SCHEMA {schema}")
        url = f"{url}?options=-csearch_path%3D{schema}"
    try:
        app = app_for(url)
        client = app.test_client()
        small = {q: timed(client, q) for q in QUERIES}
        add_synthetic(app)
        with app.app_context():
            print(f"{Change.select().count()} changes, {'SQLite FTS5' if db.is_sqlite() else 'PostgreSQL GIN'}")
        large = {q: timed(client, q) for q in QUERIES + SYNTHETIC_QUERIES}
        for q in QUERIES:
            print(f"q={q!r:24} curated: {small[q] * 1000:7.1f} ms   100k: {large[q] * 1000:7.1f} ms   "
                  f"ratio {large[q] / small[q]:5.2f}")  # fmt: skip
        for q in SYNTHETIC_QUERIES:
            with app.app_context():
                total = Change.count_matching(q=q)
            print(f"q={q!r:24} 100k: {large[q] * 1000:7.1f} ms for the first page of {total} matches")
    finally:
        if schema:
            admin.cursor().execute(f"DROP SCHEMA {schema} CASCADE")
            admin.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
