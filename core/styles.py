"""A page's style sheets written into the page, each allowed by its hash in the page's CSP.

The explorer, the front door, is most often a visitor's first page. Its four style sheets (the
site's, Leaflet's, the explorer's and the categories' colours, which a view makes) block its first
paint, and the HTML parser, until each has come; the page's scripts wait for the parser. Written
into the page, no request stands between the HTML and the first paint: measured on this machine
(2026-11-27, two rounds of 21 and 25 loads each), the explorer painted its events 35 and 69 ms sooner
(669 → 634, 698 → 629 ms; ``docs/performance.md``). A repeat visit gets a 304 for the page and sends none of it again.

Still a strict CSP: no ``'unsafe-inline'``; the page's ``style-src`` names each ``<style>``'s SHA-256
(``with_page_styles``), so nothing else inline applies. The texts are the files as they are served
(in production minified, under their hashed names), with their ``url()`` made absolute (a relative
address in the page would be read against the page's). Read once per process, the static files
changing only with a deploy (and, in development, when their file does); the categories' colours
once per state of the content (``kept_for_content``), as the pages they are in are built.
"""

import base64
import functools
import hashlib
import os
import re
from urllib.parse import urljoin

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.templatetags.static import static

# What may not stand in a <style>: where the element would end (or a comment begin, which the parser
# reads in a raw text element as text, but better refused than relied on).
UNSAFE = re.compile(r"</|<!--", re.IGNORECASE)

# A relative address in a style sheet: url(images/layers.png), url('x.svg'), url("../a.png"); not a
# data: URI, an address with a scheme or from the root, nor a fragment (an SVG filter's #id).
RELATIVE_URL = re.compile(r"""url\(\s*(['"]?)(?![a-z][a-z0-9+.-]*:|/|#)([^'")]+)\1\s*\)""", re.IGNORECASE)


def source_hash(text: str) -> str:
    """The CSP source that allows the inline ``<style>`` holding exactly ``text``."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def checked(text: str, name: str) -> str:
    if UNSAFE.search(text):
        raise ValueError(f"{name} cannot be written into a page: it holds “</” or “<!--”")
    return text


def absolute_urls(text: str, path: str) -> str:
    """``text``, the style sheet at the static path ``path``, with its relative ``url()``s made absolute
    (against the address the file itself is served from, hashed names and all)."""
    base = static(path)
    return RELATIVE_URL.sub(lambda match: f"url({match[1]}{urljoin(base, match[2])}{match[1]})", text)


def served_text(path: str) -> str:
    """The static file ``path`` as it is served: in production the collected file (minified, under its
    hashed name); otherwise the app's own file."""
    if hasattr(staticfiles_storage, "stored_name"):
        with staticfiles_storage.open(staticfiles_storage.stored_name(path)) as file:
            return file.read().decode("utf-8")
    with open(finders.find(path), encoding="utf-8") as file:
        return file.read()


@functools.lru_cache(maxsize=16)
def _static_style(paths: tuple[str, ...], _versions) -> tuple[str, str]:
    text = "\n".join(checked(absolute_urls(served_text(path), path), path) for path in paths)
    return text, source_hash(text)


def static_style(paths: tuple[str, ...]) -> tuple[str, str]:
    """The style sheets ``paths`` (static paths) as one text, and its CSP source."""
    if hasattr(staticfiles_storage, "stored_name"):
        # Collected: they change with a deploy, which starts new processes.
        versions = str(staticfiles_storage.location)
    else:
        versions = tuple(os.stat(finders.find(path)).st_mtime_ns for path in paths)
    return _static_style(tuple(paths), versions)


def category_style(categories) -> tuple[str, str]:
    """The categories' colours (``timeline/categories.css``, which ``/categories.css`` serves to the
    other pages), and its CSP source."""
    text = checked(render_to_string("timeline/categories.css", {"categories": categories}), "the categories' colours")
    return text, source_hash(text)


def with_page_styles(styles):
    """A view decorator: its responses' CSP allows the inline styles ``styles(request)`` gives ((text,
    source) pairs), by their hashes. Outside the page cache (``cached_by_content``), so that a copy
    from the cache and a 304 for a copy a browser keeps carry them too (a browser takes a 304's
    policy for the page it keeps)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), *(source for _text, source in styles(request))]
            response._csp_update = update
            return response

        return wrapper

    return decorator
