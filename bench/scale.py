"""Scale benchmark: the cold, uncached path on the curated data, and on the same data plus 1,000,000 synthetic changes.

    .venv/bin/python -m bench.scale [--changes 1000000] [--repeat 200] [--database-url postgresql://.../test]

Both databases are scratch ones made by this command (SQLite files in a temporary folder, or schemas of their own on
the PostgreSQL given, dropped afterwards); the curated database of `make serve` is never touched. The synthetic changes
are added to fr-vigipirate's history, dated 1900-01-01 to 2016-11-30, before the curated ones, with ids and summaries
that say what they are; they are bulk-inserted (insert_many in chunks on SQLite, COPY on PostgreSQL).

Each figure is the median of --repeat runs, in process, of a request through the app's own views with the response
cache off (Flask's test client): the named query, the schema dump and the JSON encoding, what a cache miss costs
before the answer is kept for the revision. A page past the first carries no `total` (api/http/pagination.py says why).
"""

import argparse
import csv
import datetime
import io
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from api import create_app, db
from api.curation import seeds
from api.models import Change, Level, Revision

ROOT = Path(__file__).resolve().parent.parent
SYSTEM = "fr-vigipirate"
SYNTHETIC_FROM, SYNTHETIC_TO = datetime.date(1900, 1, 1), datetime.date(2016, 11, 30)
CURATED_RANGE = (datetime.date(2016, 12, 1), datetime.date(2024, 12, 31))
SYNTHETIC_RANGE = (datetime.date(1950, 1, 1), datetime.date(2015, 12, 31))
COLUMNS = ("id", "system_id", "from_level_id", "to_level_id", "direction", "scope_type", "effective_date",
           "summary_en", "variants")  # fmt: skip
KEYS = (Change.effective_date, Change.id)


def synthetic_rows(count: int, levels: list[int]):
    span = (SYNTHETIC_TO - SYNTHETIC_FROM).days
    for n in range(count):
        day = SYNTHETIC_FROM + datetime.timedelta(days=n * span // count)
        low, high = levels[n % 2], levels[(n + 1) % 2]
        yield (f"synthetic-{n:07d}", SYSTEM, low, high, "raise" if n % 2 else "lower", "national", day,
               f"Synthetic change {n} (benchmark data, not a fact).", "[]")  # fmt: skip


def add_synthetic_changes(count: int) -> float:
    """Bulk-insert `count` synthetic changes; the seconds it took."""
    started = time.perf_counter()
    levels = [level.id for level in Level.select().where(Level.system == SYSTEM).order_by(Level.id).limit(2)]
    rows = synthetic_rows(count, levels)
    with db.database.atomic():
        if db.is_sqlite():
            fields = [Change._meta.columns[name] for name in COLUMNS]
            while chunk := [row for _, row in zip(range(5000), rows, strict=False)]:
                Change.insert_many(chunk, fields=fields).execute()
        else:
            cursor = db.database.cursor()
            while chunk := [row for _, row in zip(range(100_000), rows, strict=False)]:
                buffer = io.StringIO()
                csv.writer(buffer).writerows(chunk)
                buffer.seek(0)
                cursor.copy_expert(f'COPY "change" ({", ".join(COLUMNS)}) FROM STDIN WITH (FORMAT csv)', buffer)
        Revision.create(record_kind="change", record_id="synthetic", action="create", author="bench",
                        reason=f"{count} synthetic changes for bench/scale.py")  # fmt: skip
    if not db.is_sqlite():
        db.database.execute_sql('ANALYZE "change"')
    return time.perf_counter() - started


def answer(client, url: str) -> bytes:
    """What the API sends for `url`, through its view (the response cache is off: every request is a miss)."""
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:300])
    return response.get_data()


def page_url(date_range: tuple, cursor: str | None = None) -> str:
    url = f"/v1/changes?system={SYSTEM}&from={date_range[0]}&to={date_range[1]}&limit=50"
    return f"{url}&cursor={cursor}" if cursor else url


def cursor_of_page(client, date_range: tuple, number: int) -> str:
    """The cursor that the Link header of page number-1 names (walked page by page, as a client would)."""
    cursor = None
    for _ in range(number - 1):
        response = client.get(page_url(date_range, cursor))
        cursor = response.headers["Link"].split("cursor=")[1].split(">")[0]
    return cursor


def median_ms(function, repeat: int) -> float:
    """Median of `repeat` runs, in milliseconds (used on its own while tuning)."""
    return alternated({"one": (db.database.obj, function)}, repeat)["one"]


def alternated(cases: dict, repeat: int) -> dict:
    """{name: median ms} of each (database, function) case, run in alternated batches, so that a change of load on a
    shared machine weighs on every case alike."""
    times = {name: [] for name in cases}
    for database, function in cases.values():
        db.database.initialize(database)
        function()  # warm
    for _ in range(10):
        for name, (database, function) in cases.items():
            db.database.initialize(database)
            for _ in range(max(1, repeat // 10)):
                started = time.perf_counter()
                function()
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def build(url: str, synthetic: int):
    """A scratch database with seeds/ loaded (and `synthetic` changes more): its peewee Database, and the app."""
    app = create_app({"DATABASE_URL": url, "CACHE_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        seeds.load(ROOT / "seeds", author="bench")
        if synthetic:
            print(f"  {synthetic:,} synthetic changes inserted in {add_synthetic_changes(synthetic):.0f} s", flush=True)
    return db.database.obj, app


def measure(urls: list[str], args) -> tuple[dict, int, int]:
    curated, _ = build(urls[0], 0)
    large, app = build(urls[1], args.changes)
    client = app.test_client()
    with app.app_context():
        total = Change.select().count()
        in_range = Change.count_matching(system=SYSTEM, date_from=SYNTHETIC_RANGE[0], date_to=SYNTHETIC_RANGE[1])
    deep = cursor_of_page(client, SYNTHETIC_RANGE, 50)
    current = f"/v1/systems/{SYSTEM}/current"
    level = f"/v1/systems/{SYSTEM}/level?at=2024-06-01"
    timeline = f"/v1/systems/{SYSTEM}/timeline?from={CURATED_RANGE[0]}&to={CURATED_RANGE[1]}"
    figures = alternated(
        {
            "current, curated": (curated, lambda: answer(client, current)),
            "current, large": (large, lambda: answer(client, current)),
            "level, curated": (curated, lambda: answer(client, level)),
            "level, large": (large, lambda: answer(client, level)),
            "timeline, curated": (curated, lambda: answer(client, timeline)),
            "timeline, large": (large, lambda: answer(client, timeline)),
            "curated range, curated": (curated, lambda: answer(client, page_url(CURATED_RANGE))),
            "curated range, large": (large, lambda: answer(client, page_url(CURATED_RANGE))),
            "synthetic range page 1, large": (large, lambda: answer(client, page_url(SYNTHETIC_RANGE))),
            "synthetic range page 50, large": (large, lambda: answer(client, page_url(SYNTHETIC_RANGE, deep))),
        },
        args.repeat,
    )
    for database in (curated, large):
        db.database.initialize(database)
        db.close_all()
    return figures, total, in_range


def scratch_urls(args, folder: Path) -> list[str]:
    if not args.database_url:
        return [f"sqlite:///{folder / 'curated.sqlite3'}", f"sqlite:///{folder / 'scale.sqlite3'}"]
    import psycopg2

    names = [f"bench_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with psycopg2.connect(args.database_url) as admin, admin.cursor() as cursor:
        for name in names:
            cursor.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in args.database_url else "?"
    return [f"{args.database_url}{separator}options=-csearch_path%3D{name}" for name in names]


def drop_scratch(args, urls: list[str]) -> None:
    if args.database_url:
        import psycopg2

        with psycopg2.connect(args.database_url) as admin, admin.cursor() as cursor:
            for url in urls:
                cursor.execute(f"DROP SCHEMA {url.rsplit('%3D', 1)[1]} CASCADE")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database-url", help="a PostgreSQL database to make two scratch schemas in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="threat-levels-scale-") as folder:
        urls = scratch_urls(args, Path(folder))
        try:
            print(f"Scale: {'PostgreSQL' if args.database_url else 'SQLite'}; cold path (no response cache), in "
                  f"process: the view (query, schema dump, JSON), median of {args.repeat} alternated runs")  # fmt: skip
            figures, total, in_range = measure(urls, args)
        finally:
            drop_scratch(args, urls)
    print(f"{'':<50}{'curated':>9}{f'{total:,} changes':>20}{'ratio':>7}  target")
    rows = [
        ("current (fr-vigipirate)", "current, curated", "current, large"),
        ("level?at=2024-06-01", "level, curated", "level, large"),
        (f"timeline {CURATED_RANGE[0]}..{CURATED_RANGE[1]}", "timeline, curated", "timeline, large"),
        (f"page 1 of {CURATED_RANGE[0]}..{CURATED_RANGE[1]}, limit 50", "curated range, curated", "curated range, large"),
        (f"page 50 of {SYNTHETIC_RANGE[0]}..{SYNTHETIC_RANGE[1]}, limit 50", "curated range, curated",
         "synthetic range page 50, large"),
    ]  # fmt: skip
    for label, small, large in rows:
        ratio = figures[large] / figures[small]
        print(f"{label:<50}{figures[small]:>7.2f}ms{figures[large]:>18.2f}ms{ratio:>6.2f}x  <= 1.5x "
              f"{'met' if ratio <= 1.5 else 'MISSED'}")  # fmt: skip
    first = figures["synthetic range page 1, large"]
    print(
        f"(the yardstick of page 50 is the curated page of 50 above, which holds the curated changes of the range; "
        f"page 1 of the synthetic range, which counts its {in_range:,} changes for `total`: {first:.2f} ms)"
    )


if __name__ == "__main__":
    main()
