"""The real dataset in seeds/: valid, loadable, and every quotation verbatim from the copy of its source we keep."""

import datetime
from pathlib import Path

import pytest

from api.curation import seeds
from api.models import Change
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"
records = seeds.check(SEEDS)  # raises, listing every problem, if the dataset is invalid
by_id = {record.id: record for record in records}


def local_copy(source_id: str) -> Path | None:
    """The text of a source kept in the repository (seeds/texts/), from the repository's root."""
    copy = by_id[source_id].data.get("local_copy")
    return ROOT / copy if copy else None


def test_the_dataset_loads_and_every_system_in_force_has_a_level_now(empty_app):
    with empty_app.app_context():
        assert seeds.load(SEEDS).created == len(records)
        now = datetime.datetime.now(datetime.UTC)
        for record in records:
            if record.kind == "system" and record.data.get("ended_date") is None:
                assert Change.in_force_at(record.id, now) is not None, record.id


def test_no_change_sets_the_level_already_in_force():
    for record in records:
        if record.kind == "change" and record.data["from_level"] is not None:
            assert record.data["from_level"] != record.data["to_level"], record.id


QUOTED = [
    pytest.param(item, id=item["id"])
    for record in records
    if record.kind == "change"
    for item in record.data["justifications"]
    if by_id[item["source_id"]].data.get("local_copy")
]
VARIANTS = [
    pytest.param(variant, id=f"{record.id}:{variant['field']}:{variant['value'][:20]}")
    for record in records
    for variant in record.data.get("variants", [])
    if by_id[variant["source_id"]].data.get("local_copy")
]


def source_text(source_id: str) -> str:
    return local_copy(source_id).read_text(encoding="utf-8")


def test_every_local_copy_is_in_the_repository():
    copies = {r.id: r.data["local_copy"] for r in records if r.kind == "source" and r.data.get("local_copy")}
    assert copies
    for source_id, copy in copies.items():
        assert copy.startswith("seeds/texts/"), source_id
        assert (ROOT / copy).is_file(), f"{source_id}: {copy} is missing"


@pytest.mark.parametrize("justification", QUOTED)
def test_every_quotation_is_verbatim_in_its_source(justification):
    assert justification["quote"] in source_text(justification["source_id"])


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_is_what_its_source_actually_says(variant):
    assert variant["value"] in source_text(variant["source_id"])


def test_the_five_articles_are_sources_without_invented_addresses():
    articles = [
        r.data for r in records if r.kind == "source" and (r.data.get("local_copy") or "").startswith("seeds/texts/articles/")
    ]
    assert len(articles) == 5
    assert all(article["url"] is None for article in articles)


SCALES = [
    pytest.param(scale, id=scale["id"])
    for record in records
    if record.kind == "system"
    for scale in record.data["scales"]
]


@pytest.mark.parametrize("scale", SCALES)
def test_every_level_severity_is_its_rank_over_the_levels_of_its_scale(scale):
    """The one rule of docs/api.md and seeds/README.md: severity = rank / number of levels, rounded to 4 decimals."""
    ranks = sorted(level["rank"] for level in scale["levels"])
    assert ranks == list(range(1, len(ranks) + 1)), "ranks run from 1 without a gap"
    for level in scale["levels"]:
        assert level["severity"] == round(level["rank"] / len(ranks), 4), level["code"]
