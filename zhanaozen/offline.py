"""The service worker that keeps what a class has opened (``/sw.js``): its script, and what it is told
from here: which addresses it may keep, and a version that changes with every deploy.

The worker is served from the site's root so that its scope covers every public page in every
language (``/present/``, ``/ru/events/``…); it only ever touches the addresses listed here (public
pages and their static files), never the admin, the API or anything else. Its rules, in
``zhanaozen/static/zhanaozen/sw.js``: pages network first (the cache only when the network fails),
hashed static files cache first; only same-origin GET answers that are 200, not redirected, and
neither ``private``, ``no-store`` nor varying by cookie are kept. A response that sets a cookie is
made private before it leaves (``core.middleware.private_when_setting_cookies``): a worker cannot
see ``Set-Cookie`` itself.
"""

import functools
import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils import translation

SCRIPT = "zhanaozen/sw.js"


def static_prefix() -> str:
    return settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"


def kept_pages() -> list[str]:
    """The pages (path prefixes) the worker may keep, in every language: slideshows and handouts,
    event and place pages, the categories' colours and the scripts' translations."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes += [
                reverse("tours:tours"),
                reverse("timeline:event", kwargs={"slug": "x"}).removesuffix("x/"),
                reverse("timeline:place", kwargs={"slug": "x"}).removesuffix("x/"),
                reverse("timeline:category-styles"),
                reverse("javascript-catalog"),
            ]
    return list(dict.fromkeys(prefixes))


def _source() -> str:
    with open(finders.find(SCRIPT), encoding="utf-8") as handle:
        return handle.read()


@functools.cache
def worker_version() -> str:
    """Changes with each deploy: the worker's own code and, in production, the static files'
    manifest (every static file's hashed name). A new version clears the caches of the old one."""
    digest = hashlib.sha256(_source().encode())
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and staticfiles_storage.exists(manifest):
        with staticfiles_storage.open(manifest) as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def worker_config() -> dict:
    return {"version": worker_version(), "static": static_prefix(), "pages": kept_pages()}


def worker_script() -> str:
    """The worker's script: its configuration (one line of data), then its code."""
    return f"const CONFIG = {json.dumps(worker_config())};\n{_source()}"
