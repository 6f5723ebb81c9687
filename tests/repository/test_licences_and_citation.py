"""The repository's licences and CITATION.cff: valid, and saying what the API and pyproject say."""

import copy
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


def test_the_data_licence_file_names_the_licence_and_its_legal_code():
    text = (ROOT / "LICENSE-DATA").read_text()
    assert "Creative Commons Attribution 4.0 International Public License" in text
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    assert "SPDX identifier: CC-BY-4.0" in text
