"""The layers, read from the source with `ast` (every import counts, a deferred one inside a function too): `schemas`
imports nothing from `api`, the models know no HTTP, no module of `api` imports itself through others, and nothing but
the app factory and `api.v1` imports a module of views."""

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGES = ("api", "schemas")
HTTP_MODULES = ("werkzeug", "api.errors", "api.http", "api.serving", "api.auth", "api.inputs", "api.embed", "api.v1")
VIEW_IMPORTERS = {"api", "api.v1"}  # the factory registers the blueprints, api.v1 those of its resources


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules() -> dict[str, ast.Module]:
    return {
        module_name(path): ast.parse(path.read_text(), str(path))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = source_modules()


def imported(name: str, tree: ast.Module) -> set[str]:
    """Every module `name` imports, at the top or deferred; `from package import module` names the module."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{name}: imports are absolute"
            base = node.module
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
    return found


GRAPH = {name: {other for other in imported(name, tree) if other in MODULES} for name, tree in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def is_view_module(tree: ast.Module) -> bool:
    """A module that defines a blueprint of views."""
    return any(
        isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("blp", "bp") for t in node.targets)
        for node in tree.body
    )


def test_the_graph_sees_the_imports_it_should():
    assert "api.models.changes" in GRAPH["api.models"]
    assert "api.curation.writers" in GRAPH["api.curation.kinds"]  # `from api.curation import writers`


def test_no_import_cycle_among_the_modules():
    packages = {name for name in MODULES if (ROOT / Path(*name.split("."))).is_dir()}
    # A package's __init__ that gathers its modules is not a dependency of theirs: leave the gathering out.
    graph = {name: edges - (packages - {name}) if name not in packages else edges for name, edges in GRAPH.items()}
    assert cycles(graph) == []


def test_schemas_import_nothing_from_api():
    leaks = {name: sorted(edge for edge in imported(name, tree) if edge == "api" or edge.startswith("api."))
             for name, tree in MODULES.items() if name.startswith("schemas")}  # fmt: skip
    assert {name: edges for name, edges in leaks.items() if edges} == {}


def test_the_models_know_no_http():
    """Neither the models nor the database handle answer requests; api.db only binds itself to the app (Flask)."""
    leaks = {
        name: sorted(
            edge
            for edge in imported(name, tree)
            if edge.startswith(HTTP_MODULES) or edge == "flask" and name != "api.db"
        )
        for name, tree in MODULES.items()
        if name.startswith("api.models") or name == "api.db"
    }
    assert {name: edges for name, edges in leaks.items() if edges} == {}


def test_nothing_imports_a_module_of_views():
    views = {name for name, tree in MODULES.items() if is_view_module(tree)}
    assert "api.v1.changes" in views and "api.embed.feeds" in views
    importers = {
        name: sorted(GRAPH[name] & views) for name in MODULES if name not in VIEW_IMPORTERS and GRAPH[name] & views
    }
    assert importers == {}
