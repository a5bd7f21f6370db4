"""What the public pages load: Leaflet alone where a page draws a map (no django-leaflet extras or
leaflet.draw, which only the admin's map widget uses), no script that blocks the parser, and every
ES module a page imports preloaded, under the names production gives the files."""

import posixpath
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.template import Context, Template
from django.test import override_settings

from core.templatetags.assets import module_graph
from geo.models import Place
from tests.inline import style_texts
from tests.test_headers import content  # noqa: F401
from zhanaozen.storage import StaticFilesStorage

# tests.test_headers.content: an event at the place "zhanaozen", in the tour "a-tour".
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("content")]

MAP_PAGES = ["/", "/ru/", "/events/massacre/", "/places/zhanaozen/", "/present/a-tour/"]
PUBLIC = [*MAP_PAGES, "/sources/", "/present/", "/present/a-tour/handout/", "/events/massacre/history/"]
# django-leaflet's own files besides Leaflet: its extras, leaflet.draw and its translations, the
# forms glue, proj4 and the minimap plugin.
PLUGINS = ("leaflet/draw/", "leaflet.extras", "leaflet.forms", "proj4", "MiniMap", "leaflet_django")


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def scripts(self):
        return [attrs for tag, attrs in self.tags if tag == "script" and "src" in attrs]

    def links(self, rel):
        return [attrs["href"] for tag, attrs in self.tags if tag == "link" and attrs.get("rel") == rel]


def loaded(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    tags = Tags(response.content.decode())
    return tags, [attrs["src"] for attrs in tags.scripts()] + tags.links("stylesheet") + tags.links("modulepreload")


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_load_no_leaflet_plugin(client, url):
    tags, files = loaded(client, url)
    assert not [file for file in files if any(plugin in file for plugin in PLUGINS)]
    if url in MAP_PAGES:
        assert "/static/leaflet/leaflet.js" in files
        if url in ("/", "/ru/"):  # the explorer has its style sheets in the page (core/styles.py)
            assert ".leaflet-pane" in "".join(style_texts(client.get(url).content.decode()))
        else:
            assert "/static/leaflet/leaflet.css" in files


@pytest.mark.parametrize("url", PUBLIC)
def test_no_script_of_a_public_page_blocks_the_parser(client, url):
    tags, _ = loaded(client, url)
    blocking = [s["src"] for s in tags.scripts() if s.get("type") != "module" and "defer" not in s and "async" not in s]
    assert not blocking


def test_the_admins_place_form_still_gets_its_drawing_tools(editor_client):
    place = Place.objects.get(slug="zhanaozen")
    page = editor_client.get(f"/admin/geo/place/{place.pk}/change/").content.decode()
    for file in ("leaflet.js", "leaflet.extras.js", "draw/leaflet.draw.js", "leaflet.forms.js"):
        file = f"leaflet/{file}"
        assert f"/static/{file}" in page, file
    assert "/static/leaflet/draw/leaflet.draw.css" in page


def imports(path):
    """The modules ``path`` imports, read here with a parser of its own (the page's tag has another)."""
    source = Path(finders.find(path)).read_text()
    statements = re.findall(r"^\s*(?:import|export)\b[^;]*?[\"'](\.{1,2}/[^\"']+)[\"']", source, flags=re.M | re.S)
    return {posixpath.normpath(posixpath.join(posixpath.dirname(path), name)) for name in statements}


def everything_imported(entry):
    found, queue = {entry}, [entry]
    while queue:
        for path in imports(queue.pop()) - found:
            found.add(path)
            queue.append(path)
    return found


@pytest.mark.parametrize(
    ("url", "entry"),
    [
        ("/", "timeline/explorer.js"),
        ("/events/massacre/", "timeline/mini-map.js"),
        ("/present/a-tour/", "tours/present.js"),
    ],
)
def test_every_module_a_page_imports_is_modulepreloaded(client, url, entry):
    tags, _ = loaded(client, url)
    wanted = everything_imported(entry)
    assert len(wanted) > 2  # the page's module and at least map.js and i18n.js
    assert {f"/static/{path}" for path in wanted} <= set(tags.links("modulepreload"))
    assert f"/static/{entry}" in [script["src"] for script in tags.scripts() if script.get("type") == "module"]


def test_the_import_reader_follows_every_form_of_static_import(tmp_path, settings):
    settings.STATICFILES_DIRS = [tmp_path]
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe/entry.js").write_text(
        '// import { no } from "./commented.js";\n'
        'import { a,\n  b } from "./a.js";\nimport "./side.js";\n'
        "import * as c from '../probe/c.js';\nexport { d } from \"./d.js\";\n"
        'const later = () => import("./lazy.js");\nconst text = "import x from \'./not.js\'";\n'
    )
    for name in ("a", "side", "c", "d"):
        (tmp_path / f"probe/{name}.js").write_text('export const x = "from";\n')
    (tmp_path / "probe/a.js").write_text('import { x } from "./c.js";\nexport const a = x;\n')
    found = ["probe/entry.js", "probe/a.js", "probe/side.js", "probe/c.js", "probe/d.js"]
    assert module_graph("probe/entry.js") == found


# The settings under which the files ``collected()`` wrote are what the site serves.
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "zhanaozen.storage.StaticFilesStorage"},
}


def collected(tmp_path, paths):
    """The static files ``paths`` collected with the production storage into ``tmp_path/collected``,
    as collectstatic does: each copied from its app's folder, then hashed from that folder. Returns
    the storage and the folder."""
    source = FileSystemStorage(location=tmp_path / "apps")
    for path in paths:
        source.save(path, File(open(finders.find(path), "rb")))  # noqa: SIM115 (closed by save)
    folder = tmp_path / "collected"
    storage = StaticFilesStorage(location=folder, base_url="/static/")
    for path in paths:
        with source.open(path) as written:
            storage.save(path, written)
    for _name, _hashed, processed in storage.post_process({path: (source, path) for path in paths}):
        assert not isinstance(processed, Exception), processed
    return storage, folder


def test_production_serves_each_page_script_as_one_minified_file(tmp_path):
    """Collected with the production storage: explorer.js holds every module it imports (the page
    preloads that one file, and it imports nothing), minified; its hashed name changes when a module
    it holds changes; WhiteNoise serves it to be cached for a year."""
    graph = module_graph("timeline/explorer.js")
    storage, collected_to = collected(tmp_path, graph)
    storages = PRODUCTION_STORAGES
    hashed = storage.stored_name("timeline/explorer.js")
    with override_settings(STATIC_ROOT=collected_to, STORAGES=storages):
        tag = Template('{% load assets %}{% modulepreload "timeline/explorer.js" %}').render(Context())
    assert Tags(tag).links("modulepreload") == [f"/static/{hashed}"]
    explorer = (collected_to / hashed).read_text()
    written = Path(finders.find("timeline/explorer.js")).read_text()
    assert written.startswith("// The explorer")
    assert "// The explorer" not in explorer  # minified
    assert not re.search(r"(^|;)import\b", explorer)
    # Each module it imports is held, once, under a name of its own (zhanaozen/bundle.py).
    for path in graph[1:]:
        assert explorer.count(f"$module_{path.replace('/', '_').replace('.', '_')}=(") == 1, path
    assert "function topologyToGeoJSON" not in explorer  # geo/outline.js's local names, shortened
    assert len(explorer) < 0.7 * sum(len(Path(finders.find(path)).read_text()) for path in graph)
    assert subprocess.run(["node", "--check", "--input-type=module"], input=explorer, text=True).returncode == 0

    from whitenoise.middleware import WhiteNoiseMiddleware

    with override_settings(STATIC_ROOT=collected_to, STORAGES=storages):
        whitenoise = WhiteNoiseMiddleware(get_response=None)
        served = whitenoise.files.get(f"/static/{hashed}") or whitenoise.find_file(f"/static/{hashed}")
        headers = dict(served.get_response("GET", {}).headers)
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]

    # A change in a module it holds (map.js), not in explorer.js itself, gives it a new name.
    written_explorer = ContentFile(written.encode())
    before = storage.file_hash("timeline/explorer.js", written_explorer)
    assert hashed == f"timeline/explorer.{before}.js"

    def changed(path):
        return Path(finders.find(path)).read_text() + (
            "\nexport const CHANGED = 1;" if path == "timeline/map.js" else ""
        )

    with mock.patch("zhanaozen.storage.source", changed):
        assert storage.file_hash("timeline/explorer.js", written_explorer) != before


@pytest.mark.parametrize("url", PUBLIC)
def test_headings_never_skip_a_level_and_every_page_has_a_description(client, url):
    tags, _ = loaded(client, url)
    levels = [int(tag[1]) for tag, _ in tags.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), levels
    descriptions = [attrs["content"] for tag, attrs in tags.tags if (tag, attrs.get("name")) == ("meta", "description")]
    assert len(descriptions) == 1
    assert descriptions[0].strip()
    assert tags.links("icon")


def test_a_style_sheets_hashed_name_follows_what_is_served(tmp_path):
    """Hashed from the minified text: a new minifier that writes it otherwise gives it a new name, so
    no browser keeps the old text under a name cached for a year."""
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    written = ContentFile(Path(finders.find("timeline/explorer.css")).read_bytes())
    before = storage.file_hash("timeline/explorer.css", written)
    with mock.patch("zhanaozen.storage.minified", lambda name, text: text):
        assert storage.file_hash("timeline/explorer.css", written) != before
    assert storage.file_hash("timeline/explorer.css", written) == before
