"""openapi.yaml is generated from the code, committed, valid, and never drifts."""

import yaml
from openapi_spec_validator import validate

from tests.conftest import ROOT


def generated(app) -> str:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["openapi", "print", "--format", "yaml"])
    assert result.exit_code == 0, result.output
    return result.output


def test_openapi_yaml_is_a_valid_openapi_document():
    validate(yaml.safe_load((ROOT / "openapi.yaml").read_text()))


def test_committed_openapi_yaml_matches_the_code(empty_app):
    committed = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    assert committed == yaml.safe_load(generated(empty_app)), "openapi.yaml drifted: run `make openapi` and commit it"


def test_every_error_is_documented_as_problem_json():
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    for name, response in document["components"]["responses"].items():
        if "content" in response:
            assert list(response["content"]) == ["application/problem+json"], name
