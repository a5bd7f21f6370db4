"""One file per page script in production: an ES module and every module it imports, in one module.

The browser fetches a page's modules in parallel (``{% modulepreload %}``), but each is a request of
its own: the explorer's ten were half of its first load's requests, and on a phone each costs a round
trip. ``collectstatic`` (``zhanaozen.storage``) writes each module that imports others as one file
holding them all; the files in the repository stay as they are, and so do the pages (the same
address, which now imports nothing).

The modules keep to a small part of the language, which this reads exactly, and anything else stops
``collectstatic`` with the file and line, rather than be bundled wrongly:

    import { a, b as c } from "./x.js";            (relative, at the start of a line)
    export function f() {}  export async function g() {}  export class K {}  export const N = 1;
    export { a, b };                                (the page's own module only)

Each imported module runs once, before the modules that import it, in the order a browser would run
them, inside a function of its own (its names stay its own); what it exports is handed on as
constants: no module here exports a name it changes later (``export let`` is refused).
"""

import posixpath
import re
from collections.abc import Callable

IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}/[^"]+)";?[ \t]*$', re.M)
EXPORT_DECLARATION = re.compile(r"^export\s+((?:async\s+)?function\*?\s+|class\s+|const\s+)([\w$]+)", re.M)
EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?[ \t]*$", re.M)
# Any other import or export at the start of a line, or an import the static reading cannot follow.
OTHER = re.compile(r"^\s*(?:import|export)\b|\bimport\s*\(|\bimport\.meta\b", re.M)


class BundleError(ValueError):
    pass


def _names(listed: str, path: str) -> list[tuple[str, str]]:
    """``a, b as c`` → [("a", "a"), ("b", "c")]."""
    pairs = []
    for part in filter(None, (piece.strip() for piece in listed.split(","))):
        match = re.fullmatch(r"([\w$]+)(?:\s+as\s+([\w$]+))?", part)
        if not match:
            raise BundleError(f"{path}: cannot read the names {part!r}")
        pairs.append((match[1], match[2] or match[1]))
    return pairs


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


class Module:
    """One module's source read: what it imports (path, [(name, local)]), what it exports, its body
    without its import statements."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.imports = []
        for match in IMPORT.finditer(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match[2]))
            self.imports.append((target, _names(match[1], path)))
        self.exports = [match[2] for match in EXPORT_DECLARATION.finditer(text)]
        self.listed = [local for match in EXPORT_LIST.finditer(text) for local, _name in _names(match[1], path)]
        read = (IMPORT, EXPORT_DECLARATION, EXPORT_LIST)
        known = {match.start() for pattern in read for match in pattern.finditer(text)}
        for match in OTHER.finditer(text):
            start = match.start() + len(match[0]) - len(match[0].lstrip())
            if start not in known:
                raise BundleError(f"{path}, line {_line(text, start)}: {match[0].strip()!r} cannot be bundled")
        if re.search(r"^export\s+let\b", text, re.M):
            raise BundleError(f"{path}: `export let` cannot be bundled")
        self.body = IMPORT.sub("", text)
        # Inside a function, as the modules it imports run, its declarations are no longer exports.
        self.inner = re.sub(r"^export\s+(?=(?:async\s+)?function\b|class\b|const\b)", "", self.body, flags=re.M)

    @property
    def variable(self) -> str:
        return "$module_" + re.sub(r"[^\w$]", "_", self.path)

    def bindings(self, modules: dict[str, "Module"]) -> str:
        """Its imports, as constants taken from the modules that ran before it."""
        lines = []
        for target, names in self.imports:
            pairs = ", ".join(name if name == local else f"{name}: {local}" for name, local in names)
            lines.append(f"const {{ {pairs} }} = {modules[target].variable};")
        return "\n".join(lines)


def bundle(entry: str, read: Callable[[str], str]) -> str | None:
    """``entry`` (a static path, "timeline/explorer.js") with every module it imports, as one module's
    source; None when it imports nothing. ``read(path)`` gives a module's source."""
    modules: dict[str, Module] = {}
    order: list[str] = []

    def visit(path: str, trail: tuple[str, ...]) -> None:
        if path in trail:
            raise BundleError(f"{entry}: the imports go round in a circle: {' → '.join((*trail, path))}")
        if path in modules:
            return
        module = modules[path] = Module(path, read(path))
        for target, _names in module.imports:
            visit(target, (*trail, path))
        order.append(path)

    visit(entry, ())
    if len(order) == 1:
        return None
    parts = [f"// {entry} and the modules it imports, in one file (zhanaozen/bundle.py)."]
    for path in order[:-1]:
        module = modules[path]
        if module.listed:
            raise BundleError(f"{path}: `export {{ … }}` is only read in a page's own module")
        exported = ", ".join(module.exports)
        parts.append(
            f"const {module.variable} = (() => {{\n{module.bindings(modules)}\n{module.inner.strip()}\n"
            f"return {{ {exported} }};\n}})();"
        )
    main = modules[entry]
    parts.append(f"{main.bindings(modules)}\n{main.body.strip()}\n")
    return "\n".join(parts)
