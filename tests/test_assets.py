"""What the public pages load: Leaflet alone where a page draws a map (no django-leaflet extras or
leaflet.draw, which only the admin's map widget uses), no script that blocks the parser, and every
ES module a page imports preloaded, under the names production gives the files."""

import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage
from django.template import Context, Template
from django.test import override_settings

from core.templatetags.assets import module_graph
from geo.models import Place
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


def test_production_names_the_preloads_as_the_modules_import_each_other(tmp_path):
    """Collected with the production storage: the hashed explorer.js imports the hashed names the page
    preloads (one fetch each, not two), and WhiteNoise serves them to be cached for a year."""
    graph = module_graph("timeline/explorer.js")
    source = FileSystemStorage(location=tmp_path)
    for path in graph:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(finders.find(path), tmp_path / path)
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    for _name, _hashed, processed in storage.post_process({path: (source, path) for path in graph}):
        assert not isinstance(processed, Exception), processed
    storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    storages["staticfiles"] = {"BACKEND": "zhanaozen.storage.StaticFilesStorage"}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        tag = Template('{% load assets %}{% modulepreload "timeline/explorer.js" %}').render(Context())
    preloaded = set(Tags(tag).links("modulepreload"))
    hashed = {path: storage.stored_name(path) for path in graph}
    assert preloaded >= {f"/static/{name}" for name in hashed.values()}
    assert all(name != path for path, name in hashed.items())
    explorer = (tmp_path / hashed["timeline/explorer.js"]).read_text()
    for path in imports("timeline/explorer.js"):
        assert f'"./{posixpath.basename(hashed[path])}"' in explorer

    from whitenoise.middleware import WhiteNoiseMiddleware

    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        whitenoise = WhiteNoiseMiddleware(get_response=None)
        served = whitenoise.files.get(f"/static/{hashed['timeline/map.js']}") or whitenoise.find_file(
            f"/static/{hashed['timeline/map.js']}"
        )
        headers = dict(served.get_response("GET", {}).headers)
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]


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
