"""The apps depend one way (DESIGN.md): tours → timeline → geo → editors → core, with demands beside
tours (above timeline, and neither of the two imports the other), and nothing imports the project
package ``zhanaozen``, which knows every app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: an app may import the apps of the layers before its own, never one beside it or after it.
LAYERS = [("core",), ("editors",), ("geo",), ("timeline",), ("tours", "demands")]
APPS = [app for layer in LAYERS for app in layer]
PROJECT = "zhanaozen"
FIRST_PARTY = [*APPS, PROJECT]


def below(package: str) -> set[str]:
    """The apps ``package`` may import: those of the layers below its own."""
    level = next(index for index, layer in enumerate(LAYERS) if package in layer)
    return {app for layer in LAYERS[:level] for app in layer}


def imported_packages(path: Path) -> set[str]:
    """The first-party top-level packages a module imports (relative imports stay in its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(FIRST_PARTY)


def dependencies() -> dict[str, dict[str, set[str]]]:
    """For each first-party package, the packages it imports, with the modules that do it."""
    found: dict[str, dict[str, set[str]]] = {package: {} for package in FIRST_PARTY}
    for package in FIRST_PARTY:
        for path in sorted((ROOT / package).rglob("*.py")):
            for other in imported_packages(path) - {package}:
                found[package].setdefault(other, set()).add(str(path.relative_to(ROOT)))
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle reachable in a small directed graph, each as the path that closes it."""
    found = []

    def visit(node, path):
        for other in sorted(graph.get(node, ())):
            if other in path:
                found.append(path[path.index(other) :] + [other])
            else:
                visit(other, [*path, other])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}})[0] == ["a", "b", "c", "a"]
    assert cycles({"a": {"b"}, "b": {"c"}}) == []


def test_no_import_cycle_between_first_party_packages():
    graph = {package: set(imports) for package, imports in dependencies().items()}
    assert cycles(graph) == []


def test_apps_beside_each_other_may_not_import_each_other():
    assert below("demands") == below("tours") == {"core", "editors", "geo", "timeline"}


@pytest.mark.parametrize("package", APPS)
def test_an_app_imports_only_the_apps_below_it(package):
    allowed = below(package)
    wrong = {other: modules for other, modules in dependencies()[package].items() if other not in allowed}
    assert wrong == {}, f"{package} may import only {sorted(allowed) or 'no app of ours'}"


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps - {PROJECT} <= set(APPS)
