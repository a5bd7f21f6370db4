"""Rate limits on what no cache can serve: free-text searches and whole-list downloads, per client
address (django-ratelimit's counters, in the default cache).

A view names the limit a request falls under (``settings.RATE_LIMITS``: a group and its rates, such
as ``"search": "60/m,1000/10m"``: each holds); over it, the client gets a 429 with ``Retry-After``: an
HTML page in the page's language (``too_many_page``; the pages name their limit with
``core.freshness.cached_by_content``'s ``limit``) or, in the API, DRF's JSON (``RateLimitThrottle``). Off unless
``settings.RATELIMIT_ENABLE`` (on in production).
"""

import contextlib
import functools
import math
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

from .clients import client_address
from .singleflight import release_lock


def seconds_to_wait(request, group: str | None) -> int | None:
    """Count ``request`` against ``group``'s limit for its address: the seconds until the client may
    ask again when it is over it, else None (also when the group, or rate limiting, is off)."""
    rates = settings.RATE_LIMITS.get(group) if group else None
    if not rates or not settings.RATELIMIT_ENABLE:
        return None
    refused = (group, rates, client_address(request))
    now = time.monotonic()
    if (wait := _still_refused(refused, now)) is not None:
        return wait
    waits = []
    # Each rate counts every request it is asked about: a burst limit per minute and a longer one, say.
    for rate in rates.split(","):
        usage = get_usage(request, group=f"zhanaozen.{group}.{rate}", key="ip", rate=rate, increment=True)
        if usage and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    wait = max(waits, default=None)
    if wait is not None:
        _remember_refusal(refused, now + wait)
    return wait


# The addresses this process has refused, and until when: (group, rates, address) → time.monotonic().
# The counters are per fixed window (django-ratelimit), so a client over a limit stays over it until
# that window ends whatever it sends meanwhile: its next requests are refused from here, with no round
# trip to the shared cache, and a flood of them costs little more than its connections.
_refusals: dict[tuple[str, str, str], float] = {}
MOST_REFUSALS_KEPT = 10_000


def _still_refused(refused: tuple[str, str, str], now: float) -> int | None:
    until = _refusals.get(refused)
    if until is None:
        return None
    if until <= now:
        _refusals.pop(refused, None)
        return None
    return max(math.ceil(until - now), 1)


def _remember_refusal(refused: tuple[str, str, str], until: float) -> None:
    if len(_refusals) >= MOST_REFUSALS_KEPT:  # only ended ones go, or else the oldest
        now = time.monotonic()
        for key in [key for key, ends in _refusals.items() if ends <= now] or list(_refusals)[:1000]:
            _refusals.pop(key, None)
    _refusals[refused] = until


def forget_refusals() -> None:
    """Forget the refusals this process remembers (tests: each starts with empty counters)."""
    _refusals.clear()


def already_refused(request, group: str | None) -> int | None:
    """The seconds left when this process has refused ``request``'s address for ``group`` and the
    window that refused it has not ended; else None. Counts nothing, asks no cache."""
    rates = settings.RATE_LIMITS.get(group) if group else None
    if not rates or not settings.RATELIMIT_ENABLE:
        return None
    return _still_refused((group, rates, client_address(request)), time.monotonic())


@contextlib.contextmanager
def build_allowed(request, group: str | None):
    """Count a build of a page for ``request`` against ``group``'s limit (None: not limited). Yields
    None when it may go ahead, holding one of the address's building slots until the block ends;
    else the seconds to tell the client to wait (over the limit, or all its slots taken: 1)."""
    wait = seconds_to_wait(request, group)
    if wait is not None:
        yield wait
        return
    with building_slot(request, group) as slot:
        yield None if slot else 1


def rate_limited(group_of):
    """Decorate a view that no cache keeps (``cached_by_content`` takes ``limit=`` instead): when
    ``group_of(request)`` names a limit and the client is over it, or already has its builds going, a
    429 page in the page's language instead of the view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            group = group_of(request)
            if (wait := already_refused(request, group)) is not None:
                return too_many_page(wait)
            with build_allowed(request, group) as wait:
                if wait is not None:
                    return too_many_page(wait)
                return view(request, *args, **kwargs)

        return wrapper

    return decorator


def too_many_page(wait: int) -> HttpResponse:
    """The 429 page in the current language, telling the client to wait ``wait`` seconds.

    A client over its limit may be sending hundreds of requests a second: its answers must cost less
    than a page from the cache, or refusing them would slow the site down as much as serving them.
    So the page is made once per language and wait, not per request, and links to the explorer in
    each language rather than to the refused address. Django's "Too Many Requests" warning is not
    logged for each one (gunicorn's access log has them all)."""
    response = HttpResponse(_too_many_body(get_language(), wait), status=429)
    response["Retry-After"] = str(wait)
    response._has_been_logged = True  # read by django.utils.log.log_response
    return response


@functools.lru_cache(maxsize=256)  # the waits of the last minutes, in three languages: each a few kB
def _too_many_body(language: str, wait: int) -> str:
    with translation.override(language):
        alternates = [
            {"code": code, "name": get_language_info(code)["name_local"], "current": code == language}
            for code, _name in settings.LANGUAGES
        ]
        context = {"retry_after": wait, "home": True, "language_alternates": alternates}
        return render_to_string("429.html", context)


@contextlib.contextmanager
def building_slot(request, group: str | None):
    """One of the ``settings.RATELIMIT_CONCURRENT`` builds an address may have going at once (a lock
    in the cache, freed when done, or after a minute if its process died): True if it was free. A
    burst of new searches from one address then holds that many workers, not all of them."""
    slots = settings.RATELIMIT_CONCURRENT
    if not group or not slots or not settings.RATELIMIT_ENABLE:
        yield True
        return
    token = uuid.uuid4().hex
    address = client_address(request)
    for number in range(slots):
        key = f"zhanaozen.building.{address}.{number}"
        if cache.add(key, token, timeout=60):
            try:
                yield True
            finally:
                release_lock(key, token)
            return
    yield False


class RateLimitThrottle(BaseThrottle):
    """The same limits in the API: the view's ``rate_limit_group(request)`` names the limit (or None).
    Over it, DRF answers 429 with ``Retry-After`` and a JSON ``detail``."""

    wait_seconds = None

    def allow_request(self, request, view):
        self.wait_seconds = seconds_to_wait(request, view.rate_limit_group(request))
        return self.wait_seconds is None

    def wait(self):
        return self.wait_seconds


def too_many_message() -> str:
    return _(
        "Too many searches or downloads from your address in a short time. Pages and the API's pages "
        "without a search are not limited."
    )
