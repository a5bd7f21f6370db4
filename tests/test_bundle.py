"""zhanaozen.bundle: a module and those it imports in one file, run as the browser would run them."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from zhanaozen.bundle import BundleError, bundle
from zhanaozen.storage import collected_script, compiled_at_once, minified, source

ROOT = Path(__file__).resolve().parent.parent


def run(module: str) -> str:
    node = shutil.which("node") or shutil.which("nodejs")
    result = subprocess.run(
        [node, "--input-type=module", "-e", module], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_each_module_runs_once_before_those_that_import_it_with_its_own_names():
    files = {
        "app/main.js": 'import { greet, NAME as who } from "./a.js";\nimport { count } from "./lib/b.js";\n'
        'const local = "main";\nconsole.log(greet(who), count(), local);\nexport { local };\n',
        "app/a.js": 'import { count } from "./lib/b.js";\nconst local = "a";\nconsole.log("a runs", count());\n'
        "export const NAME = `w${local}`;\nexport function greet(name) {\n  return `hello ${name}`;\n}\n",
        "app/lib/b.js": 'let calls = 0;\nconst local = "b";\nconsole.log("b runs", local);\n'
        "export function count() {\n  calls += 1;\n  return calls;\n}\n",
    }
    bundled = bundle("app/main.js", files.__getitem__)
    assert "import" not in bundled.replace("imports", "")
    assert run(bundled).split("\n") == ["b runs b", "a runs 1", "hello wa 2 main", ""]
    assert run(minified("timeline/x.js", bundled)) == run(bundled)  # minified, the same


def test_a_module_that_imports_nothing_is_left_as_it_is():
    assert bundle("app/leaf.js", {"app/leaf.js": "export const A = 1;\n"}.__getitem__) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('import * as everything from "./b.js";\n', "line 1"),
        ('import b from "./b.js";\n', "line 1"),
        ('const later = import("./b.js");\n', "line 1"),
        ('import { b } from "./b.js";\nexport let changing = 1;\n', "line 2"),
        ('import { b } from "./b.js";\nexport default b;\n', "line 2"),
        ('import { b } from "./b.js";\nconsole.log(import.meta.url);\n', "line 2"),
    ],
)
def test_what_it_cannot_bundle_exactly_stops_collectstatic_naming_the_line(text, says):
    files = {"app/main.js": text, "app/b.js": "export const b = 1;\n"}
    with pytest.raises(BundleError, match=says):
        bundle("app/main.js", files.__getitem__)


def test_imports_in_a_circle_are_refused():
    files = {
        "app/a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
        "app/b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
    }
    with pytest.raises(BundleError, match="circle"):
        bundle("app/a.js", files.__getitem__)


def test_every_script_of_the_project_bundles_into_a_module_node_can_read():
    checked = 0
    for path in sorted(ROOT.glob("*/static/*/*.js")):
        name = path.relative_to(ROOT).as_posix().split("/static/", 1)[1]
        assert finders.find(name), name
        text = collected_script(name, source(name))
        result = subprocess.run(
            ["node", "--check", "--input-type=module"], input=text, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"
        checked += bundle(name, source) is not None
    assert checked >= 8  # the explorer, its parts, the slideshow, the builder, the handout, the admin's map…


def test_a_script_the_minifier_cannot_read_stops_collectstatic_naming_the_file():
    import minify

    with pytest.raises(minify.MinifyError, match=r"timeline/broken\.js: .*line 2"):
        minified("timeline/broken.js", "const a = 1;\nfunction ( {\n")
    # Not the project's own (another package's, shipped minified or not): left exactly as it is.
    assert minified("leaflet/leaflet.js", "function ( {") == "function ( {"


def test_minified_style_sheets_and_scripts_keep_what_they_do():
    css = minified("timeline/x.css", "/* a note */\n.a  >  .b {\n  color : #ff0000 ;\n}\n")
    assert css == ".a>.b{color:red}"
    written = "export function double(value) {\n  const twice = value * 2;\n  return twice;\n}\n"
    script = minified("timeline/x.js", written)
    assert "twice" not in script  # a local name, shortened
    assert "export" in script
    assert "double" in script  # an exported name, kept
    run = script.replace("export function", "function") + "console.log(double(21))"
    result = subprocess.run(["node", "--input-type=module", "-e", run], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "42"


def test_the_scripts_a_page_runs_in_full_are_compiled_as_they_arrive():
    hint = "//# allFunctionsCalledOnLoad"
    # A page's bundle: the explorer and everything it imports, every function compiled at once.
    explorer = collected_script("timeline/explorer.1f2fba01a016.js", source("timeline/explorer.js"))
    assert explorer.startswith(hint + "\n")
    assert explorer.count(hint) == 1
    # Leaflet, which every map runs in full: the hint where its licence's comment closes, and otherwise
    # the file exactly as django-leaflet ships it, each line where it was (its source map maps them).
    leaflet = source("leaflet/leaflet.js")
    hinted = collected_script("leaflet/leaflet.js", leaflet)
    assert hinted.splitlines()[:4] == [*leaflet.splitlines()[:3], leaflet.splitlines()[3] + " " + hint]
    assert hinted.replace(" " + hint, "", 1) == leaflet
    assert len(hinted.splitlines()) == len(leaflet.splitlines())
    # A module that imports nothing is compiled as V8 would anyway: function by function when called.
    assert hint not in collected_script("timeline/labels.js", source("timeline/labels.js"))
    # Another package's script is left as it is.
    draw = "leaflet/draw/leaflet.draw.js"
    assert collected_script(draw, source(draw)) == source(draw)


def test_the_compile_hint_keeps_a_scripts_lines_where_they_were():
    # Opening with a comment: the hint ends the line where the comment closes.
    assert compiled_at_once("/* licence\n */\nrun();\n") == "/* licence\n */ //# allFunctionsCalledOnLoad\nrun();\n"
    # Without one: a line of its own, first (the project's bundles, minified, have no source map).
    assert compiled_at_once("run();\n") == "//# allFunctionsCalledOnLoad\nrun();\n"
    # A comment that closes with code after it on its line: the hint may not end that code's line.
    assert compiled_at_once("/* a */ run();\n") == "//# allFunctionsCalledOnLoad\n/* a */ run();\n"
