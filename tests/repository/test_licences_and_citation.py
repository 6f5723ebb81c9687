"""The repository's licences and CITATION.cff: valid, and saying what the API and pyproject say."""

import copy
import hashlib
import json
import tomllib

import jsonschema
import pytest
import yaml

from api.v1.dataset import LICENCES
from tests.conftest import ROOT

# The Citation File Format 1.2.0 schema, as the cffconvert wheel ships it (cffconvert itself pins jsonschema<4, which
# openapi-core cannot share an environment with).
CFF_SCHEMA = json.loads((ROOT / "tests/data/schemas/citation-cff-1.2.0.json").read_text())


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


def cff_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(CFF_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(document)]


def test_citation_cff_is_valid_per_its_schema():
    assert cff_errors(citation()) == []


@pytest.mark.parametrize(
    "breakage",
    [lambda doc: doc.pop("authors"), lambda doc: doc.update(license="CC-BY"), lambda doc: doc.update(type="film")],
)
def test_the_schema_check_finds_a_broken_citation(breakage):
    document = copy.deepcopy(citation())
    breakage(document)
    assert cff_errors(document)


def test_the_citation_names_the_data_licence_the_api_announces():
    data = next(licence for licence in LICENCES if licence["applies_to"].startswith("the data"))
    assert citation()["license"] == data["id"] == "CC-BY-4.0"


def test_the_code_licence_is_the_mit_licence_pyproject_declares():
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


# The legal code's plain text (legalcode.txt) as github/choosealicense.com ships it (_licenses/cc-by-4.0.txt, after
# its front matter; 18,646 characters): pinned, so that no edit slips into a legal text.
LEGAL_CODE_SHA256 = "7e7170e3cebf88a9f60c7b8421418323c09304da1af4d5e90f4da1dc1c8a2661"


def test_the_data_licence_file_names_the_licence_and_holds_its_legal_code_unaltered():
    notice, _, legal_code = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8").partition("#" * 71 + "\n\n")
    assert "Creative Commons Attribution 4.0 International Public License" in notice
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in notice
    assert "SPDX identifier: CC-BY-4.0" in notice
    assert legal_code.startswith("Attribution 4.0 International\n") and len(legal_code) == 18646
    assert hashlib.sha256(legal_code.encode("utf-8")).hexdigest() == LEGAL_CODE_SHA256
