"""What a page loads, and only that: its ES modules preloaded from their own import statements, and
Leaflet alone (no django-leaflet extras or plugins) where a public page draws a map.

    {% load assets %}
    {% block head %}{% map_css %}{% modulepreload "timeline/explorer.js" %}{% endblock %}
    {% block scripts %}{% map_js %}<script type="module" src="{% static 'timeline/explorer.js' %}"></script>
    {% endblock %}
"""

import functools
import os
import posixpath
import re

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

register = template.Library()

# The static imports and re-exports of a module: `import x from "./a.js"`, `import { a,\n b } from
# "../b.js"`, `import "./c.js"`, `export { d } from "./d.js"` (not `import("…")`, which loads later).
IMPORT = re.compile(r"""(?:^|[;\n])\s*(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["']([^"']+)["']""")


@functools.lru_cache(maxsize=64)
def _imports(path, modified):
    """The static paths ``path`` (a static path, "timeline/explorer.js") imports directly, in order."""
    with open(finders.find(path), encoding="utf-8") as source:
        text = source.read()
    found = []
    for specifier in IMPORT.findall(text):
        if specifier.startswith(("./", "../")):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), specifier))
            if target not in found:
                found.append(target)
    return tuple(found)


def module_graph(entry):
    """``entry`` and every module it imports, directly or not, each once: the order they are found in."""
    graph = [entry]
    for path in graph:  # grows as it goes
        location = finders.find(path)
        if location is None:
            raise ValueError(f"{path!r}, imported by a module of {entry!r}, is not a static file")
        graph += [target for target in _imports(path, os.stat(location).st_mtime_ns) if target not in graph]
    return graph


@register.simple_tag
def modulepreload(entry):
    """A ``<link rel="modulepreload">`` for the module and each it imports, so that the browser fetches
    them all at once instead of one level of imports after another; in production, where the storage
    puts a module and those it imports in one file, for that one file."""
    # In production each module comes with those it imports, in one file (zhanaozen/bundle.py).
    bundled = getattr(staticfiles_storage, "bundles_modules", False)
    links = ((static(path),) for path in ([entry] if bundled else module_graph(entry)))
    return format_html_join("\n", '<link rel="modulepreload" href="{}">', links)


@register.simple_tag
def map_css():
    """Leaflet's stylesheet: what the public maps use. django-leaflet's ``{% leaflet_css %}`` adds its
    extras' for the admin's widget, which brings its own (with leaflet.draw's) as form media."""
    return format_html('<link rel="stylesheet" href="{}">', static("leaflet/leaflet.css"))


@register.simple_tag
def map_js():
    """Leaflet itself, deferred: it runs after the document is parsed and before the page's modules,
    which read ``window.L`` (deferred scripts and modules run in document order). django-leaflet's
    ``{% leaflet_js %}`` would add, blocking the parser, its extras and leaflet.draw's translations."""
    return format_html('<script defer src="{}"></script>', static("leaflet/leaflet.js"))


@register.simple_tag
def script_translations():
    """The interface's translations for the page's scripts (Django's JavaScript catalogue, which
    ``timeline/i18n.js`` reads), deferred, so that it runs before the modules that follow it; none in
    English, the language the scripts are written in. For every page whose scripts write text (the
    explorer, the maps' zoom buttons)."""
    if get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html('<script defer src="{}"></script>', reverse("javascript-catalog"))
