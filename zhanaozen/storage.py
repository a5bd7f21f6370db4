"""The static files' storage in production (``collectstatic``)."""

import re

import minify
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

from .bundle import BundleError, bundle

# The project's own static folders: their scripts and style sheets are minified when collected, and
# Leaflet's style sheet, which every map loads (its script comes minified). Django's admin's and the
# other packages' files are copied as they are.
OWN_FOLDERS = ("core/", "demands/", "editors/", "geo/", "timeline/", "tours/", "zhanaozen/")
ALSO_MINIFIED = ("leaflet/leaflet.css",)
MEDIA_TYPES = {"js": "application/javascript", "css": "text/css"}
# V8's explicit compile hint (Chromium 136 and later; to other browsers a comment): every function of
# the script is compiled as the script arrives, on a thread of its own, instead of each on the page's
# one thread when it is first called. For the scripts a page runs in full as it opens: each page's
# own bundle (``zhanaozen.bundle``) and Leaflet, which every map runs. With 1 000 events the explorer's
# main thread worked 18 ms less before it had painted, and painted 11 ms sooner (medians of 12 and 30
# paired loads, docs/performance.md).
COMPILE_HINT = "//# allFunctionsCalledOnLoad"
COMPILED_AT_ONCE = ("leaflet/leaflet.js",)
# A comment a script opens with (Leaflet's licence), to the end of the line where it closes.
OPENING_COMMENT = re.compile(r"/\*.*?\*/[ \t]*(?=\r?\n)", re.S)


def compiled_at_once(text: str) -> str:
    """``text`` with the compile hint before its first statement: at the end of the line where its
    opening comment closes, if it has one, so that every line of its code stays where it was (Leaflet's
    source map still points at the right lines); else on a line of its own, first."""
    opening = OPENING_COMMENT.match(text)
    if opening:
        return f"{text[: opening.end()]} {COMPILE_HINT}{text[opening.end() :]}"
    return f"{COMPILE_HINT}\n{text}"


def minified(name: str, text: str) -> str:
    """``text``, the static file ``name``, minified if it is one of the project's own scripts or style
    sheets (tdewolff's minify: without comments and the spaces nothing needs, a script's local names
    shortened); else as it is. A file the minifier cannot read is refused (``minify.MinifyError``,
    with the file's name): collectstatic stops rather than serve it broken."""
    if not (name.startswith(OWN_FOLDERS) or name in ALSO_MINIFIED) or name.endswith((".min.js", ".min.css")):
        return text
    media_type = MEDIA_TYPES.get(name.rsplit(".", 1)[-1])
    if media_type is None:
        return text
    try:
        return minify.string(media_type, text)
    except minify.MinifyError as error:
        raise minify.MinifyError(f"{name}: {error}") from error


# The hash in a collected file's name: "timeline/explorer.0e396b62a3de.js" → "timeline/explorer.js".
HASHED = re.compile(r"\.[0-9a-f]{12}(?=\.(?:js|css)$)")


def source(path: str) -> str:
    """A static file's text, from the app that has it."""
    found = finders.find(path)
    if found is None:
        raise BundleError(f"{path!r} is imported but is not a static file")
    with open(found, encoding="utf-8") as file:
        return file.read()


def collected_script(name: str, text: str) -> str:
    """What production serves for the script ``name`` (hashed or not), written ``text``: the project's
    own with the modules it imports in the same file (``zhanaozen.bundle``), minified; a bundle, and
    Leaflet, compiled at once (``COMPILE_HINT``)."""
    path = HASHED.sub("", name)
    bundled = bundle(path, source) if path.startswith(OWN_FOLDERS) else None
    text = minified(path, bundled or text)
    return compiled_at_once(text) if bundled or path in COMPILED_AT_ONCE else text


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, precompressed static files; ES module imports are rewritten to the hashed names too.

    The project's own scripts and style sheets are minified as they are written (``_save``: under
    their names and their hashed names, before WhiteNoise compresses them), a third less to send
    gzipped, and each script that imports others holds them (``zhanaozen.bundle``): one request for a
    page's scripts instead of one per module. The files in the repository stay as written; the
    browser's tests run them so, the unit tests of the pure modules both ways (``tests/test_scripts.py``)."""

    support_js_module_import_aggregation = True

    # The pages preload a module alone, not the modules it imported (``{% modulepreload %}``).
    bundles_modules = True

    def _own(self, name: str | None) -> bool:
        if not name or not name.endswith((".js", ".css")):
            return False
        return name.startswith(OWN_FOLDERS) or HASHED.sub("", name) in (*ALSO_MINIFIED, *COMPILED_AT_ONCE)

    def collected(self, name: str, content):
        """What is written for the file ``name`` whose text is ``content``."""
        text = b"".join(content.chunks()).decode("utf-8")  # from its start, read or not
        text = collected_script(name, text) if name.endswith(".js") else minified(HASHED.sub("", name), text)
        return ContentFile(text.encode("utf-8"))

    def file_hash(self, name, content=None):
        # A file's name is hashed from what is served: a script with the modules it holds, which can
        # change without it; minified, which changes with the minifier.
        if content is not None and self._own(name):
            content = self.collected(name, content)
        return super().file_hash(name, content)

    def _save(self, name, content):
        # Every file written (the copy under its own name, the hashed copies post_process makes from
        # the apps' files), before WhiteNoise compresses what was written.
        if self._own(name):
            content = self.collected(name, content)
        return super()._save(name, content)
