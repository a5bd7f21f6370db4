"""Warm the application up in gunicorn's master process, before it forks the workers.

A process's first requests cost far more than the next ones: Django builds its URL resolvers, compiles
the templates, reads the translations of each language, opens GDAL. Measured here: the first
``/healthz`` of a new process 121 ms (then 1 ms), the first ``/`` 126 ms although it came from the cache
(then 1.5 ms), the first Russian and Kazakh pages 40 ms each. gunicorn replaces each worker after
about a thousand requests (``max_requests``), so under load a worker started cold every second or
two: a third of a core spent warming up, and the requests that met a cold worker made the slowest
percentile. Done once in the master, every worker is born warm (and shares that memory with it).

The requests go straight to the WSGI application, in this process: nothing is sent over the network
and nothing is rate-limited (no search). Afterwards the master's database and cache connections are
closed, so that no worker inherits a socket another process uses.
"""

import io
import logging
import sys
import time
from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.core.cache import caches
from django.db import connections

logger = logging.getLogger(__name__)

# The addresses whose code, templates and translations most requests go through, in each language.
# (The API has no language prefix: it takes ?lang=.)
PATHS = ["/", "/explorer/events.json", "/present/", "/sources/"]
API_PATHS = ["/healthz", "/api/events/", "/api/places/"]


def host() -> str:
    """A name the site answers to (ALLOWED_HOSTS), for the requests' Host header."""
    for name in settings.ALLOWED_HOSTS:
        name = name.lstrip(".")
        if name and name != "*":
            return name
    return "localhost"


def paths() -> list[str]:
    """``PATHS`` and one published event's page under each language's prefix, and ``API_PATHS``."""
    from timeline.models import Event

    pages = list(PATHS)
    event = Event.objects.published().order_by("importance", "start_date").first()
    if event is not None:
        pages.append(event.get_absolute_url())
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return [prefix + path for prefix in prefixes for path in pages] + API_PATHS


def request(application, path: str) -> str:
    """GET ``path`` from ``application`` as a browser would (gzip): its status line."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": host(),
        "HTTP_ACCEPT_ENCODING": "gzip",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if settings.SECURE_SSL_REDIRECT:
        environ["wsgi.url_scheme"] = "https"
    setup_testing_defaults(environ)
    status = []
    body = application(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0] if status else "no answer"


def warm_up(application) -> str:
    """Request each of ``paths()`` once, then close every connection. Says how long it took and which
    addresses failed, if any (a failure is only told: the workers will answer for themselves)."""
    started = time.perf_counter()
    failed = []
    try:
        for path in paths():
            status = request(application, path)
            if not status.startswith(("200", "301", "302", "304")):
                failed.append(f"{path} {status}")
    except Exception:  # a database that is not up yet, say: the workers will find out and report it
        logger.warning("Warming up before the workers start failed", exc_info=True)
    finally:
        connections.close_all()
        for cache in caches.all(initialized_only=True):
            cache.close()
            for pool in getattr(getattr(cache, "_cache", None), "_pools", {}).values():
                pool.disconnect()
    said = f"Warmed up in {(time.perf_counter() - started) * 1000:.0f} ms"
    if failed:
        said += "; these addresses did not answer 200: " + ", ".join(failed)
    return said
