"""Dependencies run one way: tours → timeline → geo. Nothing in timeline or geo imports tours."""

import ast
from pathlib import Path

import pytest
from django.conf import settings


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("app", ["timeline", "geo"])
def test_app_does_not_import_tours(app):
    files = sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
    assert files
    importers = [
        str(path.relative_to(settings.BASE_DIR))
        for path in files
        if any(module == "tours" or module.startswith("tours.") for module in imported_modules(path))
    ]
    assert importers == []
