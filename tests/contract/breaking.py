"""Breaking changes between two OpenAPI 3.1 documents: what a client written against the old one would see fail.

No maintained Python library does this: openapi-spec-validator checks one document; oasdiff (Go) and openapi-diff
(Java, npm) are not Python packages; the PyPI packages that claim it (swagger-diff, impoasdiff, breakwatch) are
unmaintained, Swagger 2 only, or days old. The rules are few, so they are here, each tested in test_breaking.py.

Breaking, for a client of the old contract:
- a path or an operation (method) removed;
- a parameter added as required, made required, removed (unknown parameters are a 400 here), moved, or its schema
  narrowed (see requests below);
- a request body made required, or its schema narrowed;
- a success response (2xx) removed, or one of its media types;
- in a response schema: a property removed, a required property made optional, a type widened (e.g. made nullable)
  or changed, an enum given values the old one did not have;
- in a request schema (parameters, bodies): a type or enum narrowed, a property added as required or removed.
"""

from collections.abc import Iterator

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def major(document: dict) -> int:
    return int(str(document["info"]["version"]).split(".")[0])


def breaking_changes(old: dict, new: dict) -> list[str]:
    """Every breaking change from `old` to `new`, one line each, sorted."""
    return sorted(set(Comparison(old, new).paths()))


class Comparison:
    def __init__(self, old: dict, new: dict):
        self.old, self.new = old, new
        self.seen: set[tuple] = set()

    def resolve(self, document: dict, node):
        """Follow `$ref`s within the document."""
        while isinstance(node, dict) and "$ref" in node:
            target = document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def paths(self) -> Iterator[str]:
        old_paths, new_paths = self.old.get("paths", {}), self.new.get("paths", {})
        for path, old_item in old_paths.items():
            if path not in new_paths:
                yield f"{path}: path removed"
                continue
            for method in METHODS:
                if method not in old_item:
                    continue
                where = f"{method.upper()} {path}"
                if method not in new_paths[path]:
                    yield f"{where}: operation removed"
                    continue
                old_op, new_op = old_item[method], new_paths[path][method]
                yield from self.parameters(where, old_item.get("parameters", []) + old_op.get("parameters", []),
                                           new_paths[path].get("parameters", []) + new_op.get("parameters", []))  # fmt: skip
                yield from self.request_body(where, old_op.get("requestBody"), new_op.get("requestBody"))
                yield from self.responses(where, old_op.get("responses", {}), new_op.get("responses", {}))

    def parameters(self, where: str, old: list, new: list) -> Iterator[str]:
        def by_key(document, parameters):
            resolved = [self.resolve(document, parameter) for parameter in parameters]
            return {(parameter["in"], parameter["name"]): parameter for parameter in resolved}

        old_by, new_by = by_key(self.old, old), by_key(self.new, new)
        for key, parameter in new_by.items():
            if parameter.get("required") and not old_by.get(key, {}).get("required"):
                yield f"{where}: {key[0]} parameter {key[1]!r} is required now"
        for key, parameter in old_by.items():
            if key not in new_by:
                yield f"{where}: {key[0]} parameter {key[1]!r} removed"
            elif "schema" in parameter and "schema" in new_by[key]:
                yield from self.schema(f"{where}: {key[0]} parameter {key[1]!r}", parameter["schema"],
                                       new_by[key]["schema"], request=True)  # fmt: skip

    def request_body(self, where: str, old, new) -> Iterator[str]:
        old, new = self.resolve(self.old, old), self.resolve(self.new, new)
        if new is None:
            return
        if new.get("required") and not (old or {}).get("required"):
            yield f"{where}: the request body is required now"
        for media_type, content in (old or {}).get("content", {}).items():
            if media_type not in new.get("content", {}):
                yield f"{where}: request body {media_type} no longer accepted"
            elif "schema" in content:
                yield from self.schema(f"{where}: request body", content["schema"],
                                       new["content"][media_type].get("schema", {}), request=True)  # fmt: skip

    def responses(self, where: str, old: dict, new: dict) -> Iterator[str]:
        for status, old_response in old.items():
            if not str(status).startswith("2"):
                continue
            if status not in new:
                yield f"{where}: response {status} removed"
                continue
            old_response, new_response = self.resolve(self.old, old_response), self.resolve(self.new, new[status])
            for media_type, content in old_response.get("content", {}).items():
                new_content = new_response.get("content", {})
                if media_type not in new_content:
                    yield f"{where}: response {status} no longer {media_type}"
                elif "schema" in content:
                    yield from self.schema(f"{where}: response {status}", content["schema"],
                                           new_content[media_type].get("schema", {}), request=False)  # fmt: skip

    def schema(self, where: str, old, new, *, request: bool) -> Iterator[str]:
        """Changes to one schema that break its readers (`request`: its writers)."""
        key = (where, id(old), id(new))
        if key in self.seen:
            return
        self.seen.add(key)
        old, new = self.flat(self.old, old), self.flat(self.new, new)
        old_types, new_types = types(old), types(new)
        if old_types and new_types:
            refused = old_types - new_types - ({"integer"} if "number" in new_types else set())
            if request and refused:
                yield f"{where}: no longer accepts {', '.join(sorted(refused))}"
            if not request and new_types - old_types:
                yield f"{where}: may now be {', '.join(sorted(new_types - old_types))}"
        if "enum" in old and "enum" in new:
            if request and set(map(repr, old["enum"])) - set(map(repr, new["enum"])):
                yield f"{where}: enum narrowed (no longer {sorted(set(map(repr, old['enum'])) - set(map(repr, new['enum'])))})"
            if not request and set(map(repr, new["enum"])) - set(map(repr, old["enum"])):
                yield f"{where}: enum widened ({sorted(set(map(repr, new['enum'])) - set(map(repr, old['enum'])))})"
        elif request and "enum" in new and "enum" not in old:
            yield f"{where}: restricted to an enum"
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in old_props:
            if name not in new_props:
                yield f"{where}: property {name!r} removed"
            else:
                yield from self.schema(f"{where}.{name}", old_props[name], new_props[name], request=request)
        if request:
            for name in sorted(new_required - old_required):
                yield f"{where}: property {name!r} is required now"
        else:
            for name in sorted((old_required - new_required) & set(new_props)):
                yield f"{where}: property {name!r} no longer always present"
        if "items" in old and "items" in new:
            yield from self.schema(f"{where}[]", old["items"], new["items"], request=request)

    def flat(self, document: dict, node) -> dict:
        """A schema with its `$ref` followed and its `allOf` merged (properties, required, type)."""
        node = dict(self.resolve(document, node) or {})
        for part in node.pop("allOf", []):
            part = self.flat(document, part)
            node.setdefault("properties", {}).update(part.get("properties", {}))
            node["required"] = sorted(set(node.get("required", [])) | set(part.get("required", [])))
            for name in ("type", "enum", "items"):
                if name in part:
                    node.setdefault(name, part[name])
        return node


def types(schema: dict) -> set[str]:
    """The JSON types a schema allows (OpenAPI 3.1 `type` lists, and 3.0's `nullable`); empty when unconstrained."""
    declared = schema.get("type")
    found = set(declared if isinstance(declared, list) else [declared] if declared else [])
    if schema.get("nullable"):
        found.add("null")
    return found
