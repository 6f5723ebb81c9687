"""The contract keeps the promises of the last released one (contracts/), unless the API's major version changes; and
the comparison finds each kind of breaking change it claims to."""

import copy
from pathlib import Path

import pytest
import yaml

from tests.contract.breaking import breaking_changes, major

ROOT = Path(__file__).parent.parent.parent
CONTRACTS = ROOT / "contracts"


def version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in path.stem.removeprefix("v").split("."))


def last_released() -> dict:
    return yaml.safe_load(max(CONTRACTS.glob("v*.yaml"), key=version_key).read_text())


def current() -> dict:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text())


def test_openapi_yaml_breaks_nothing_the_last_released_contract_promised():
    released, now = last_released(), current()
    changes = breaking_changes(released, now)
    assert not changes or major(now) > major(released), (
        f"openapi.yaml breaks clients of contract {released['info']['version']} (see docs/versioning.md): "
        + "\n".join(changes)
    )


def test_the_released_contract_is_named_by_its_version():
    for path in CONTRACTS.glob("v*.yaml"):
        assert path.stem == "v" + yaml.safe_load(path.read_text())["info"]["version"]


def test_a_removed_path_in_the_real_contract_is_found_and_a_major_version_allows_it():
    released, now = last_released(), current()
    del now["paths"]["/v1/dataset"]
    assert breaking_changes(released, now) == ["/v1/dataset: path removed"]
    now["info"]["version"] = "2.0.0"
    assert major(now) > major(released)


def spec(parameters=(), response=None, body=None, schemas=None) -> dict:
    operation = {"parameters": list(parameters), "responses": {"200": {"description": "OK"}}}
    if response is not None:
        operation["responses"]["200"]["content"] = {"application/json": {"schema": response}}
    if body is not None:
        operation["requestBody"] = {"content": {"application/json": {"schema": body}}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1.0.0"}, "paths": {"/v1/things": {"get": operation}},
            "components": {"schemas": schemas or {}}}  # fmt: skip


def query(name, required=False, **schema):
    return {"in": "query", "name": name, "required": required, "schema": schema or {"type": "string"}}


THING = {"type": "object", "properties": {"id": {"type": "string"}, "rank": {"type": "integer"},
                                          "kind": {"type": "string", "enum": ["a", "b"]}}, "required": ["id", "rank"]}  # fmt: skip


def edited(document: dict, change) -> dict:
    document = copy.deepcopy(document)
    change(document)
    return document


def op(document):
    return document["paths"]["/v1/things"]["get"]


def thing(document):
    return document["components"]["schemas"]["Thing"]


BASE = spec(parameters=[query("kind", enum=["a", "b"], type="string")], response={"$ref": "#/components/schemas/Thing"},
            schemas={"Thing": THING})  # fmt: skip

BREAKING = {
    "operation removed": (lambda d: d["paths"]["/v1/things"].pop("get"), "GET /v1/things: operation removed"),
    "path removed": (lambda d: d["paths"].pop("/v1/things"), "/v1/things: path removed"),
    "new required parameter": (lambda d: op(d)["parameters"].append(query("at", required=True)),
                               "GET /v1/things: query parameter 'at' is required now"),
    "parameter made required": (lambda d: op(d)["parameters"][0].update(required=True),
                                "GET /v1/things: query parameter 'kind' is required now"),
    "parameter removed": (lambda d: op(d)["parameters"].clear(), "GET /v1/things: query parameter 'kind' removed"),
    "parameter enum narrowed": (lambda d: op(d)["parameters"][0]["schema"].update(enum=["a"]),
                                "GET /v1/things: query parameter 'kind': enum narrowed (no longer [\"'b'\"])"),
    "parameter type narrowed": (lambda d: op(d)["parameters"][0]["schema"].update(type="integer"),
                                "GET /v1/things: query parameter 'kind': no longer accepts string"),
    "response removed": (lambda d: op(d)["responses"].pop("200"), "GET /v1/things: response 200 removed"),
    "response media type removed": (lambda d: op(d)["responses"]["200"].update(content={"text/csv": {}}),
                                    "GET /v1/things: response 200 no longer application/json"),
    "response field removed": (lambda d: thing(d)["properties"].pop("kind"),
                               "GET /v1/things: response 200: property 'kind' removed"),
    "response field no longer required": (lambda d: thing(d).update(required=["id"]),
                                          "GET /v1/things: response 200: property 'rank' no longer always present"),
    "response field made nullable": (lambda d: thing(d)["properties"]["id"].update(type=["string", "null"]),
                                     "GET /v1/things: response 200.id: may now be null"),
    "response enum widened": (lambda d: thing(d)["properties"]["kind"].update(enum=["a", "b", "c"]),
                              "GET /v1/things: response 200.kind: enum widened ([\"'c'\"])"),
    "response type changed": (lambda d: thing(d)["properties"]["rank"].update(type="string"),
                              "GET /v1/things: response 200.rank: may now be string"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BREAKING))
def test_each_kind_of_breaking_change_is_found(name):
    change, expected = BREAKING[name]
    assert breaking_changes(BASE, edited(BASE, change)) == [expected]


COMPATIBLE = {
    "new path": lambda d: d["paths"].update({"/v1/others": {"get": {"responses": {"200": {"description": "OK"}}}}}),
    "new optional parameter": lambda d: op(d)["parameters"].append(query("q")),
    "parameter enum widened": lambda d: op(d)["parameters"][0]["schema"].update(enum=["a", "b", "c"]),
    "new response field": lambda d: thing(d)["properties"].update(extra={"type": "string"}),
    "optional response field made required": lambda d: thing(d).update(required=["id", "rank", "kind"]),
    "response enum narrowed": lambda d: thing(d)["properties"]["kind"].update(enum=["a"]),
    "new error response": lambda d: op(d)["responses"].update({"404": {"description": "Not found"}}),
}


@pytest.mark.parametrize("name", sorted(COMPATIBLE))
def test_compatible_changes_are_not_breaking(name):
    assert breaking_changes(BASE, edited(BASE, COMPATIBLE[name])) == []


def test_a_parameter_widened_from_integer_to_number_is_compatible():
    old = edited(BASE, lambda d: op(d)["parameters"].append(query("n", type="integer")))
    new = edited(old, lambda d: op(d)["parameters"][1]["schema"].update(type="number"))
    assert breaking_changes(old, new) == []
    assert breaking_changes(new, old) == ["GET /v1/things: query parameter 'n': no longer accepts number"]


def test_a_request_body_property_added_as_required_is_breaking():
    old = spec(body={"type": "object", "properties": {"a": {"type": "string"}}})
    new = edited(old, lambda d: op(d)["requestBody"]["content"]["application/json"]["schema"].update(required=["a"]))
    assert breaking_changes(old, new) == ["GET /v1/things: request body: property 'a' is required now"]
