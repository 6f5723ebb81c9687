"""Exports stream with constant memory: ten times the changes take no more memory to send (measured with
tracemalloc, not timed)."""

import datetime
import tracemalloc

import pytest
from flask.testing import FlaskClient

from api.db import database
from api.models import Change, ChangeSource, Level


def add_changes(app, first: int, count: int) -> None:
    """Synthetic national changes after the test history (not a continuous history: exports do not care)."""
    with app.app_context(), database.atomic():
        top = Level.get(code="top").id
        start = datetime.date(2030, 1, 1)
        for offset in range(first, first + count, 1000):
            rows = [
                {"id": f"zz-alert-synthetic-{n:06d}", "system": "zz-alert", "from_level": top, "to_level": top,
                 "direction": "rescale", "scope_type": "national", "effective_date": start + datetime.timedelta(days=n),
                 "summary_en": f"Synthetic change number {n}, made for the memory test.", "variants": "[]"}
                for n in range(offset, min(offset + 1000, first + count))
            ]  # fmt: skip
            Change.insert_many(rows).execute()
            ChangeSource.insert_many(
                [{"change": r["id"], "source": "test-bulletin", "position": 0} for r in rows]
            ).execute()


def peak_while_streaming(app, url: str) -> tuple[int, int]:
    """(peak bytes allocated while the body was made and read, bytes read)."""
    client = FlaskClient(app)  # not the contract-checking client: it would hold the whole body to validate it
    received = 0
    tracemalloc.start()
    try:
        response = client.get(url, buffered=False)
        for chunk in response.iter_encoded():
            received += len(chunk)
        response.close()
        return tracemalloc.get_traced_memory()[1], received
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_an_export_streams_in_constant_memory(app, fmt):
    app.config["EXPORT_CHUNK_SIZE"] = 50  # the production 500, scaled down with the row counts to keep the test short
    add_changes(app, 0, 300)
    small_peak, small_bytes = peak_while_streaming(app, f"/v1/changes?format={fmt}")
    add_changes(app, 300, 2700)
    large_peak, large_bytes = peak_while_streaming(app, f"/v1/changes?format={fmt}")
    assert large_bytes > 9 * small_bytes  # ten times the rows were sent...
    print(f"{fmt}: {small_bytes} bytes with a peak of {small_peak}; {large_bytes} bytes with a peak of {large_peak}")
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)  # ...in about the same memory
