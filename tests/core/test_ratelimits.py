"""Rate limits on searches and whole-list downloads (core.ratelimits): a 429 with Retry-After over
them, per client address; never on cached pages or the API's pages without a search."""

import html
import time
import types

import django_ratelimit.core
import pytest
from django.test import RequestFactory
from django.utils import translation
from django_ratelimit.core import get_usage

from core.clients import client_address
from core.ratelimits import seconds_to_wait
from tests.factories import EventFactory

SMALL = {"search": "5/m", "download": "3/m"}


@pytest.fixture
def limits(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = SMALL
    # One window for the whole test: a test that straddled the end of a minute's window (each key's
    # window ends at an offset of its own) would see its counts start again.
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))
    return settings


@pytest.fixture
def content(db):
    return EventFactory(slug="the-shooting", title_en="The shooting")


def assert_limited(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.parametrize(
    ("url", "group"),
    [
        ("/?q=shooting", "search"),
        ("/ru/present/?q=shooting", "search"),
        ("/og/explorer.png?q=shooting", "search"),
        ("/api/events/?q=shooting", "search"),
        ("/api/events/?format=csv", "download"),
        ("/api/events/?format=geojson&importance=3", "download"),
    ],
)
def test_a_search_or_download_repeated_past_the_limit_is_refused_with_retry_after(client, limits, content, url, group):
    allowed = int(SMALL[group].split("/")[0])
    # A new search each time (a page already in the cache costs nothing and is not counted).
    urls = [f"{url}{number}" if group == "search" else url for number in range(allowed + 1)]
    for address in urls[:-1]:
        assert client.get(address).status_code == 200
    response = client.get(urls[-1])
    assert_limited(response)
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert "Too many searches or downloads" in response.json()["detail"]
    else:
        page = response.content.decode()
        assert response["Content-Type"].startswith("text/html")
        language = "ru" if url.startswith("/ru/") else "en"
        assert f'lang="{language}"' in page
        with translation.override(language):  # the page says it in its language
            assert html.escape(translation.gettext("Too many searches from your address")) in page


@pytest.mark.parametrize("url", ["/?q=shooting", "/ru/present/?q=shooting", "/present/?q=shooting&notes=1"])
def test_a_class_following_one_search_link_never_meets_the_limit(client, limits, content, url):
    """40 pupils open the teacher's link: the page is built once, and the cache serves the rest."""
    for _pupil in range(40):
        assert client.get(url).status_code == 200


def test_searches_count_together_whatever_the_page(client, limits, content):
    for url in ["/?q=a", "/?q=b", "/present/?q=c", "/api/events/?q=d", "/kk/?q=e"]:
        assert client.get(url).status_code in {200, 400}
    assert_limited(client.get("/api/events/?q=f"))
    assert_limited(client.get("/?q=g"))


def test_cached_pages_and_the_api_pages_without_a_search_are_not_limited(client, limits, content):
    urls = ["/", "/events/the-shooting/", "/sources/", "/present/", "/api/events/", "/api/events/?page=1"]
    urls += ["/api/events/the-shooting/", "/api/places/", "/api/actors/", "/?q=", "/api/events/?q=%20"]
    for _ in range(3 * int(SMALL["search"].split("/")[0])):
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_the_limit_is_per_address(client, limits, content):
    for _ in range(5):
        client.get("/api/events/?q=x", REMOTE_ADDR="10.0.0.1")
    assert_limited(client.get("/api/events/?q=x", REMOTE_ADDR="10.0.0.1"))
    assert client.get("/api/events/?q=x", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_wrote(client, limits, content):
    limits.TRUSTED_PROXY_COUNT = 1
    for forged in range(5):
        client.get("/api/events/?q=x", HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, 198.51.100.7")
    assert_limited(client.get("/api/events/?q=x", HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7"))
    assert client.get("/api/events/?q=x", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_client_address_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()
    assert client_address(factory.get("/", REMOTE_ADDR="203.0.113.5")) == "203.0.113.5"
    assert (
        client_address(factory.get("/", HTTP_X_FORWARDED_FOR="2001:db8::1", REMOTE_ADDR="203.0.113.5")) == "2001:db8::1"
    )
    assert (
        client_address(factory.get("/", HTTP_X_FORWARDED_FOR="not an address", REMOTE_ADDR="203.0.113.5"))
        == "203.0.113.5"
    )


def test_a_class_of_forty_behind_one_address_never_meets_the_limits_a_loop_does(settings, monkeypatch):
    """At the production sizes: 40 pupils, each searching 20 times and downloading 4 times in a lesson
    of 45 minutes; a script that goes on, or sends its searches as fast as it can, meets them."""
    settings.RATELIMIT_ENABLE = True
    clock = [1_800_000_000.0]
    monkeypatch.setattr("time.time", lambda: clock[0])
    monkeypatch.setattr("time.monotonic", lambda: clock[0])  # the refusals a process remembers
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.40")

    def spread(group, count, minutes=45):
        waits = []
        for _ in range(count):
            waits.append(seconds_to_wait(request, group))
            clock[0] += minutes * 60 / count
        return waits

    assert not any(spread("search", 40 * 20))
    assert not any(spread("download", 40 * 4))
    # A script that goes on meets them: over ten minutes, and in a burst within one minute.
    assert any(spread("search", 1001, minutes=9))
    clock[0] += 3600
    assert not any(spread("search", 60, minutes=0))  # counters run in fixed windows: all at once
    assert spread("search", 1, minutes=0)[0]
    assert any(spread("download", 201, minutes=0))


def test_several_rates_each_hold_and_the_longest_wait_is_told(settings, monkeypatch):
    """Each rate counts every request it is asked about; a refused client is refused until the end of
    the window that refused it, without being counted again meanwhile (core.ratelimits' memory of
    refusals), and then the longer window may refuse it in turn."""
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {"search": "3/m,5/h"}
    clock = [1_800_000_000.0]
    monkeypatch.setattr("time.time", lambda: clock[0])
    monkeypatch.setattr("time.monotonic", lambda: clock[0])
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.41")

    def usage(rate):
        return get_usage(request, group=f"zhanaozen.search.{rate}", key="ip", rate=rate, increment=False)

    # Windows start at an offset of each key's own: begin early in the hour's window.
    clock[0] += usage("5/h")["time_left"] + 1
    waits = [seconds_to_wait(request, "search") for _ in range(4)]
    assert waits[:3] == [None, None, None]
    assert 1 <= waits[3] <= 60  # the minute's limit: what is left of the minute
    clock[0] += waits[3] - 1
    assert seconds_to_wait(request, "search") == 1
    clock[0] += 2  # (a window of django-ratelimit's takes in its last second)
    assert seconds_to_wait(request, "search") is None  # a new minute: the fifth in the hour
    sixth = seconds_to_wait(request, "search")  # meets the hour's limit
    assert [usage(rate)["should_limit"] for rate in ("3/m", "5/h")] == [False, True]
    assert sixth == usage("5/h")["time_left"] > 3000


def test_limits_are_off_unless_turned_on(client, content):
    for _ in range(20):
        assert client.get("/api/events/?format=csv&q=shooting").status_code == 200


def test_the_explorers_search_as_one_types_has_its_own_larger_limit(client, settings, content):
    """Typing asks the server at each pause (/explorer/search.json, cheap): it neither meets the limit on
    built pages nor uses it up, and has its own."""
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {"search": "3/m", "typing": "8/m"}
    for number in range(8):
        assert client.get(f"/explorer/search.json?q=sh{number}").status_code == 200
    assert_limited(client.get("/explorer/search.json?q=shooting"))
    for number in range(3):
        assert client.get(f"/?q=shooting{number}").status_code == 200


def test_an_address_has_only_so_many_pages_built_at_once(client, settings, content):
    """A burst of new searches from one address holds ``RATELIMIT_CONCURRENT`` workers, not all: past
    that, a 429 asking it to come back in a second; its builds, once done, free their places."""
    from django.core.cache import cache

    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_CONCURRENT = 1
    for number in range(3):  # one after another: each frees its place
        assert client.get(f"/?q=shooting{number}").status_code == 200
    cache.add("zhanaozen.building.127.0.0.1.0", "another build, still going", timeout=60)
    busy = client.get("/?q=shooting-busy")
    assert_limited(busy)
    assert busy["Retry-After"] == "1"
    assert client.get("/?q=shooting0").status_code == 200  # built already: the cache serves it
    cache.delete("zhanaozen.building.127.0.0.1.0")
    assert client.get("/?q=shooting-busy").status_code == 200


def test_refusals_are_made_once_per_language_and_wait(client, limits, content, monkeypatch, caplog):
    """A client over its limit may send hundreds of requests a second: the 429 page is made once per
    language and wait (then only copied), links to the explorer in each language rather than to the
    refused search, and Django logs no warning per refusal (the access log has them)."""
    import core.ratelimits

    core.ratelimits._too_many_body.cache_clear()
    made = []
    real = core.ratelimits.render_to_string
    monkeypatch.setattr(core.ratelimits, "render_to_string", lambda *a, **k: made.append(a) or real(*a, **k))
    allowed = int(SMALL["search"].split("/")[0])
    for number in range(allowed):
        client.get(f"/ru/?q=shooting{number}")
    caplog.clear()
    refused = [client.get(f"/ru/?q=other{number}") for number in range(4)]
    assert {response.status_code for response in refused} == {429}
    waits = {response["Retry-After"] for response in refused}
    assert len(made) == len(waits) <= 2  # one per wait told (the clock may tick over once)
    page = refused[-1].content.decode()
    assert 'lang="ru"' in page
    assert "other" not in page
    for prefix in ("/", "/ru/", "/kk/"):
        assert f'href="{prefix}"' in page
    with translation.override("ru"):
        assert html.escape(translation.gettext("Too many searches from your address")) in page
    assert not [record for record in caplog.records if record.name == "django.request"]


def test_an_address_over_its_limit_is_refused_without_asking_the_shared_cache_again(limits, monkeypatch):
    """Counters are per fixed window: a client over a limit stays over it until the window ends. The
    process remembers that, so a flood of refused requests costs no round trip each; the wait told
    keeps counting down, and once the window has ended the shared counters are asked again."""
    import core.ratelimits

    limits.RATE_LIMITS = {"search": "2/m"}
    request = RequestFactory().get("/?q=x", REMOTE_ADDR="203.0.113.9")
    assert seconds_to_wait(request, "search") is None
    assert seconds_to_wait(request, "search") is None
    wait = seconds_to_wait(request, "search")
    assert 1 <= wait <= 60
    asked = []
    monkeypatch.setattr(core.ratelimits, "get_usage", lambda *a, **k: asked.append(a) or {"should_limit": False})
    clock = core.ratelimits.time.monotonic()
    monkeypatch.setattr(core.ratelimits.time, "monotonic", lambda: clock)
    assert seconds_to_wait(request, "search") == wait
    other = RequestFactory().get("/?q=x", REMOTE_ADDR="203.0.113.10")
    assert seconds_to_wait(other, "search") is None  # another address is asked about
    assert len(asked) == 1
    monkeypatch.setattr(core.ratelimits.time, "monotonic", lambda: clock + wait - 0.5)
    assert seconds_to_wait(request, "search") == 1
    monkeypatch.setattr(core.ratelimits.time, "monotonic", lambda: clock + wait)
    assert seconds_to_wait(request, "search") is None  # the window has ended: asked again
    assert len(asked) == 2


def test_a_refused_address_takes_no_lock_and_a_cached_page_is_still_served_to_it(client, limits, content, monkeypatch):
    """Once refused, an address's new searches are refused before the single-flight lock is taken (a
    flood of them costs two looks in the cache each); a page already in the cache is served to it."""
    import core.singleflight

    assert client.get("/?q=shooting").status_code == 200  # now in the cache
    allowed = int(SMALL["search"].split("/")[0])
    for number in range(allowed):
        client.get(f"/?q=new{number}")
    locks = []
    real = core.singleflight.SingleFlight.fetch
    monkeypatch.setattr(
        core.singleflight.SingleFlight, "fetch", lambda self, **k: locks.append(self) or real(self, **k)
    )
    assert_limited(client.get("/?q=another"))
    assert_limited(client.get("/?q=yet-another"))
    assert locks == []
    assert client.get("/?q=shooting").status_code == 200
