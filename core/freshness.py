"""How fresh the content is, for the HTML pages and the API alike.

``content_state()`` fingerprints the whole content in one query, so responses can carry validators
(ETag, Last-Modified) and caches can be keyed on it; with a shared cache (Redis) the query runs once
per change of the content, not once per request (``content_changed``). The content is whatever the apps in
``settings.CONTENT_APPS`` hold, and the few other models public pages show something of
(``settings.SHOWN_IN_PUBLIC``, such as the name an editor chose to be credited as): this module knows
no model of theirs.
"""

import datetime
import functools
import hashlib
import uuid
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.text import compress_string
from django.utils.translation import get_language

from .ratelimits import already_refused, build_allowed, too_many_page
from .singleflight import TIMEOUT, SingleFlight


class ContentState(NamedTuple):
    fingerprint: str
    last_modified: datetime.datetime | None


def etag(*parts: str, weak: bool = False) -> str:
    """An entity tag for one representation: the content's fingerprint and whatever else the
    response varies with (address, language, media type), hashed to a short quoted string."""
    digest = hashlib.blake2b(":".join(parts).encode(), digest_size=12).hexdigest()
    return ("W/" if weak else "") + quote_etag(digest)


def _timestamp_columns(model) -> list[str]:
    return [
        field.column
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def _tracked_tables() -> list[tuple[models.Model, list[str]]]:
    """Every model of the content apps (with their many-to-many tables) and those in
    ``SHOWN_IN_PUBLIC``, each with its timestamp columns (``updated``, and ``created`` where there is
    one)."""
    tracked = [
        model
        for label in settings.CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    tracked += [apps.get_model(label) for label in settings.SHOWN_IN_PUBLIC]
    return [(model, _timestamp_columns(model)) for model in tracked]


@functools.cache
def _state_query() -> tuple[str, list[bool]]:
    """One SELECT of scalar subqueries: per table its row count, highest id and latest timestamps.

    Why each part is there, for a table whose rows may be added, changed or deleted by any path:
    - an insert raises the highest id (new ids are never reused: AUTOINCREMENT in SQLite, sequences
      in PostgreSQL), a delete lowers the count; together they move on any inserts and deletes
      (``make_synthetic_events``, the tests' factories, many-to-many changes, a cascade);
    - any other write moves the row's ``updated`` to now (``core.models``: every content model has
      one, which ``save()``, ``bulk_create()``, ``QuerySet.update()``, ``bulk_update()`` and raw saves
      such as ``loaddata`` or a revert from the history all move), and so the table's latest
      ``updated`` (indexed: the database reads it from the end of the index).
    A write in raw SQL moves nothing: it must be followed by ``touch()`` or ``content_changed()``
    (``core.models``).
    """
    quote = connection.ops.quote_name
    parts, is_timestamp = [], []
    for model, stamps in _tracked_tables():
        table = quote(model._meta.db_table)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {table})"]
        is_timestamp += [False, False]
        for column in stamps:
            parts.append(f"(SELECT MAX({quote(column)}) FROM {table})")
            is_timestamp.append(True)
    return "SELECT " + ", ".join(parts), is_timestamp


def _as_datetime(value) -> datetime.datetime:
    # SQLite gives text (UTC, as Django stores it); PostgreSQL an aware datetime.
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)


def tracked_models() -> list[type[models.Model]]:
    """The models whose rows are the content (``_tracked_tables``): a write to any changes its state."""
    return [model for model, _ in _tracked_tables()]


# The content's state is read from the database once per change, not once per request: it is kept in
# the shared cache beside a *generation*, a random token that every write replaces. A state is used
# only under the generation it was read under, so a write (on any process or server sharing the
# cache) is seen by the next request everywhere. A token, not a counter: a generation evicted from the
# cache comes back as a new token, never as an old number that an old state was kept under.
GENERATION_KEY = "content:generation"
STATE_KEY = "content:state"


def state_is_shared() -> bool:
    """Whether the state is kept in the cache (``settings.CONTENT_STATE_CACHED``): only where every
    process that writes shares the cache (Redis), else a write on one would not reach the others."""
    return settings.CONTENT_STATE_CACHED


def content_changed(**kwargs) -> None:
    """The content changed: the next request reads its state anew, on every process. Connected to every
    write of the content's models (``core.apps``); call it after writes Django does not see.

    The generation changes at once (this connection sees its own writes) and again when the
    transaction commits: a request on another connection that read the state between the two read the
    state before the commit, and kept it under a generation that is then gone."""
    if not state_is_shared():
        return
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    if connection.in_atomic_block and not _uncommitted_writes():
        transaction.on_commit(_committed)


def _committed() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _uncommitted_writes() -> bool:
    """Whether this connection has written content that is not committed yet: it sees writes no other
    does, so what it reads of the state is not kept. (Django drops a commit's callbacks, ours among
    them, when the transaction or the savepoint they were registered in is rolled back.)"""
    return connection.in_atomic_block and any(entry[1] is _committed for entry in connection.run_on_commit)


def content_state() -> ContentState:
    """The content's state: from the shared cache when it holds it for the current generation, else
    read from the database (``read_content_state``) and kept for the next requests."""
    if not state_is_shared():
        return read_content_state()
    found = cache.get_many([GENERATION_KEY, STATE_KEY])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    kept = found.get(STATE_KEY)
    if kept is not None and kept[0] == generation:
        return kept[1]
    state = read_content_state()
    if not _uncommitted_writes():
        # Bounded in time too: a write that reaches the database past Django (raw SQL without
        # ``content_changed()``, a restore) shows after this long at the most.
        cache.set(STATE_KEY, (generation, state), timeout=settings.CONTENT_STATE_MAX_AGE)
    return state


def kept_for_content(name: str, build, fingerprint: str | None = None):
    """What ``build()`` gives for the content as it is now, in the active language: built once per
    state of the content (and language) and kept in the cache, shared by every worker with Redis.

    For what many pages show whatever their parameters (the explorer's filters and their counts),
    so that a page built for a new search only does the search. Kept as ``cached_by_content`` keeps
    pages: under the fingerprint of what this connection sees, which any edit changes; the one given
    (``fingerprint``), if the request has read it already (``request.content_fingerprint``).
    """
    key = f"content:kept:{name}:{fingerprint or content_state().fingerprint}:{get_language()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=TIMEOUT)
    return value


def read_content_state() -> ContentState:
    """The content's state as the database has it now: one query."""
    sql, is_timestamp = _state_query()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    fingerprint = hashlib.blake2b(repr(row).encode(), digest_size=12).hexdigest()
    stamps = [_as_datetime(value) for value, stamp in zip(row, is_timestamp, strict=True) if stamp and value]
    return ContentState(fingerprint, max(stamps, default=None))


def canonical_query(request, pairs) -> str:
    """Make ``pairs`` (name, value) the request's whole query string, for whatever reads it next
    (``request.GET``, ``get_full_path()``, ``build_absolute_uri()``), and return it encoded.

    A view built from the canonical query of a request gives what the request asked for, and gives
    the same to every request with the same canonical query: that is what lets them share one copy.
    """
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    encoded = query.urlencode()
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = encoded
    return encoded


def canonical_address(request, pairs) -> str:
    """The request's whole address with ``canonical_query(request, pairs)``, which it now has: what a
    cached copy is kept under (pages and API responses hold absolute addresses)."""
    return f"{request.scheme}://{request.get_host()}{request.path}?{canonical_query(request, pairs)}"


def no_parameters(request) -> list[tuple[str, str]]:
    return []


def cached_by_content(view=None, *, parameters=no_parameters, limit=None, version=None):
    """Serve a public GET page from the shared cache, keyed by the content's fingerprint, with an ETag.

    The page is built once per state of the content, language, address and ``parameters(request)``:
    the query parameters the view reads, each in one canonical form (name, value), in one order.
    Anything else in the query string is dropped before the view runs, so it cannot change the
    page nor bust the cache. Any edit changes the fingerprint, so nothing stale is ever served;
    every process sharing the cache serves the same copy, built once (``core.singleflight``). A
    browser that has the page gets a 304. A 400 (a bad filter) is kept too: it is the whole page.

    ``limit(request)`` names the rate limit (``core.ratelimits``) a build of the page counts against,
    or None. Only a build counts: a class following one search link (one build, then the cache)
    never meets it, a loop of new searches does. An address already refused is refused again before
    the lock is taken, so that a flood of refused searches costs two trips to the cache each.

    ``version(request)``: what else the page is built from that a deploy may change (the style sheets
    a page holds, ``core.styles``), in its ETag and so its key: a new version is a new page, never a
    copy built before it nor a 304 for one (the shared cache outlives a deploy).
    """
    if view is None:
        return functools.partial(cached_by_content, parameters=parameters, limit=limit, version=version)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        # Pages hold absolute addresses (the language links, an event's address to cite).
        address = canonical_address(request, parameters(request))
        # Read once: what the view's decorators outside this one read of the content, under it too.
        request.content_fingerprint = content_state().fingerprint
        tag = etag(request.content_fingerprint, get_language(), address, *([version(request)] if version else []))
        not_modified = get_conditional_response(request, etag=tag)
        if not_modified is not None:
            return not_modified
        group = limit(request) if limit else None
        flight = SingleFlight(f"page:{tag}")
        cached = flight.cached()
        if cached is None and (wait := already_refused(request, group)) is not None:
            return too_many_page(wait)
        if cached is None:
            cached = flight.fetch(looked=True)
        if cached is None:
            try:
                with build_allowed(request, group) as wait:
                    if wait is not None:
                        return too_many_page(wait)
                    response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
                if response.status_code not in CACHED_STATUSES:
                    return response
                cached = kept(response.content, status=response.status_code, content_type=response["Content-Type"])
                flight.store(cached)
            finally:
                flight.release()
        response = response_from(request, cached, status=cached["status"], content_type=cached["content_type"])
        if cached["status"] == 200:
            # Weak when compressed, as GZipMiddleware makes it: the same page, not the same bytes.
            response["ETag"] = f"W/{tag}" if response.has_header("Content-Encoding") else tag
        patch_cache_control(response, no_cache=True)  # revalidate each time: cheap with the ETag
        return response

    return wrapper


CACHED_STATUSES = {200, 400}


# Compressed once, when built, rather than on every request (GZipMiddleware leaves a response that
# already has a Content-Encoding alone); what it would not compress (under 200 bytes) is kept as it is.
SHORTEST_COMPRESSED = 200


def kept(content: bytes, **rest) -> dict:
    """What the cache keeps of a response: its body, the body compressed, and ``rest``."""
    compressed = compress_string(content) if len(content) >= SHORTEST_COMPRESSED else None
    if compressed is not None and len(compressed) >= len(content):
        compressed = None
    return {"content": content, "gzip": compressed, **rest}


def response_from(request, cached: dict, **kwargs) -> HttpResponse:
    """The response for ``request`` from what ``kept()`` kept: compressed if the client takes it."""
    if cached["gzip"] is None:
        return HttpResponse(cached["content"], **kwargs)
    if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(cached["gzip"], **kwargs)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(cached["content"], **kwargs)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
