"""The shared cache (core.freshness, core.api, core.singleflight): one copy of each page and API
response per state of the content and canonical query, in Redis as in production; built once."""

import threading
import uuid

import pytest
import redis
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

import core.singleflight
from core.freshness import ContentState, cached_by_content
from geo.models import Place
from tests.factories import EventFactory
from timeline.views import ExplorerView
from tours.views import SlideshowMixin
from zhanaozen.settings.base import cache_from_url

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/2"


@pytest.fixture
def shared_cache(worker_id):
    """Django's RedisCache on DB 2, under a key prefix of this test's own (xdist workers run at once)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not answering at {REDIS_URL} (CI starts it: .ci/run)")
    prefix = f"test-{worker_id}-{uuid.uuid4().hex}"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": backend}):
        yield cache
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


class Builds:
    """How many times a view's page (or the API's list) was built, not served from the cache."""

    def __init__(self):
        self.count = 0

    def wrap(self, method):
        def counted(*args, **kwargs):
            self.count += 1
            return method(*args, **kwargs)

        return counted


@pytest.fixture
def explorer_builds(monkeypatch):
    builds = Builds()
    monkeypatch.setattr(ExplorerView, "get_context_data", builds.wrap(ExplorerView.get_context_data))
    return builds


@pytest.fixture
def slideshow_builds(monkeypatch):
    builds = Builds()
    method = SlideshowMixin.get_slideshow_context
    monkeypatch.setattr(SlideshowMixin, "get_slideshow_context", builds.wrap(method))
    return builds


def get(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content[:500]
    return response


def test_unknown_parameters_are_served_from_the_cache(client, content, shared_cache, explorer_builds):
    first = get(client, "/").content
    assert get(client, f"/?zzz={uuid.uuid4().hex}").content == first
    assert get(client, f"/?utm_source={uuid.uuid4().hex}&fbclid=1").content == first
    get(client, "/?category=strike")
    assert get(client, "/?category=strike&x=1").content == get(client, "/?x=2&category=strike").content
    assert explorer_builds.count == 2


@pytest.mark.parametrize(
    "equivalents",
    [
        ["category=strike,violence", "category=violence,strike", "category=violence&category=strike",
         "category=strike,violence,strike", "category=+strike+,violence&category="],
        ["place=zhanaozen", "place=aktau&place=zhanaozen", "place=zhanaozen&place=", "place=+zhanaozen"],
        ["q=fire", "q=+fire+", "q=other&q=fire&q=+"],
        ["importance=1&from=2011", "from=2011&importance=1", "importance=&importance=1&from=&from=2011"],
        ["disputed=1", "disputed=&disputed=1", "disputed=1&zzz=1"],
    ],
)  # fmt: skip
def test_ways_of_writing_one_query_share_one_page(client, content, shared_cache, explorer_builds, equivalents):
    pages = {get(client, f"/?{query}").content for query in equivalents}
    assert len(pages) == 1
    assert explorer_builds.count == 1


def test_a_blank_filter_is_the_page_without_it(client, content, shared_cache, explorer_builds):
    assert get(client, "/?category=&q=+&from=").content == get(client, "/").content
    assert explorer_builds.count == 1


def test_a_new_search_only_costs_its_search(client, content, shared_cache, django_assert_max_num_queries):
    """What the filters offer and their counts are the same for every search: built once per state
    of the content, a page for a search never seen before asks the database only for that search
    (before, each such page counted every place, category and person again: a third of its time with
    10 000 events)."""
    get(client, "/?q=strike")
    # The state (twice: not kept here, outside a committed transaction), the search, its page of the
    # list with their categories, the front door's tours and the share text's titles: 13 before.
    with django_assert_max_num_queries(8) as queries:
        page = get(client, "/?q=police").content.decode()
    state = "SELECT (SELECT COUNT(*) FROM"
    counted = [query["sql"] for query in queries if "COUNT(" in query["sql"] and not query["sql"].startswith(state)]
    assert counted == []
    assert 'value="zhanaozen">Zhanaozen (2)</option>' in page


def test_the_filters_counts_follow_an_edit_at_once(client, content, shared_cache):
    assert 'value="aktau">Aktau (1)</option>' in get(client, "/?q=strike").content.decode()
    EventFactory(slug="aktau-again", title="A second event in Aktau", place=Place.objects.get(slug="aktau"))
    page = get(client, "/?q=strike").content.decode()
    assert 'value="aktau">Aktau (2)</option>' in page


def test_each_known_value_has_its_own_page(client, content, shared_cache, explorer_builds):
    # The explorer shows a period in the form it was written in: 2011 (a year) is not 2011-01.
    queries = ["", "category=strike", "category=violence", "importance=1", "from=2011", "from=2011-01", "q=fire"]
    pages = {get(client, f"/?{query}").content for query in queries}
    assert get(client, "/ru/").content not in pages
    assert len(pages) == len(queries)
    assert explorer_builds.count == len(queries) + 1


def test_the_event_a_page_opens_at_is_kept_if_published(client, content, shared_cache, explorer_builds):
    assert "event=massacre" in get(client, "/?event=massacre").content.decode()
    assert get(client, "/?event=secret-draft").content == get(client, f"/?event={uuid.uuid4().hex}").content
    assert explorer_builds.count == 2


@pytest.mark.parametrize("query", ["from=soon", "to=2011-13", "importance=9", "from=2012&to=2011", "disputed=yes"])
def test_a_bad_value_stays_a_400(client, content, shared_cache, query):
    first = get(client, f"/?{query}", status=400)
    assert get(client, f"/?{query}&zzz=1", status=400).content == first.content
    assert get(client, f"/?{query}", status=400).content == first.content


def test_a_conditional_get_of_a_page_is_still_a_304(client, content, shared_cache):
    tag = get(client, "/?category=strike")["ETag"]
    assert get(client, "/?category=strike&zzz=1", status=304, HTTP_IF_NONE_MATCH=tag)
    assert get(client, "/?category=violence", HTTP_IF_NONE_MATCH=tag)["ETag"] != tag


@pytest.mark.parametrize(
    ("url", "same"),
    [
        ("/events/massacre/", "/events/massacre/?zzz=1"),
        ("/events/massacre/panel/", "/events/massacre/panel/?zzz=1"),
        ("/places/zhanaozen/", "/places/zhanaozen/?zzz=1"),
        ("/sources/", "/sources/?page=2"),
        ("/events/massacre/history/", "/events/massacre/history/?zzz=1"),
        ("/categories.css", "/categories.css?v=2"),
    ],
)
def test_other_pages_are_cached_whatever_the_query(client, content, shared_cache, django_assert_num_queries, url, same):
    first = get(client, url)
    with django_assert_num_queries(1):  # the content's state only
        assert get(client, same).content == first.content


def test_slideshows_are_cached_by_their_parameters(client, content, shared_cache, slideshow_builds):
    assert get(client, "/present/?category=strike").content == get(client, "/present/?category=strike&x=1").content
    notes = get(client, "/present/?category=strike&notes=1").content
    assert notes == get(client, "/present/?notes=1&category=strike&notes=1").content
    # Any filter, even empty, asks for every event as a slideshow, not the list of tours.
    assert get(client, "/present/?q=").content == get(client, "/present/?category=&from=").content
    assert slideshow_builds.count == 3
    assert b'id="present-selection"' not in get(client, "/present/").content


# The API: JSON, GeoJSON and CSV.


@pytest.mark.parametrize(
    "equivalents",
    [
        ["/api/events/", "/api/events/?zzz=1", "/api/events/?page=1&page_size=100", "/api/events/?page=01&q="],
        ["/api/events/?from=2011", "/api/events/?from=2011-01-01", "/api/events/?from=2011-01&zzz=2"],
        ["/api/events/?to=2011", "/api/events/?to=2011-12", "/api/events/?to=2011-12-31"],
        ["/api/events/?format=csv", "/api/events/?format=csv&zzz=1"],
        ["/api/events/?format=geojson&category=trial,strike", "/api/events/?category=strike,trial&format=geojson"],
        ["/api/places/", "/api/places/?zzz=1"],
        ["/api/events/massacre/", "/api/events/massacre/?zzz=1"],
        ["/api/events/?lang=ru", "/api/events/?lang=ru&zzz=1"],
    ],
)  # fmt: skip
def test_api_responses_are_shared_by_equivalent_queries(
    client, content, shared_cache, django_assert_num_queries, equivalents
):
    first = get(client, equivalents[0])
    for url in equivalents[1:]:
        with django_assert_num_queries(1):  # the content's state only
            again = get(client, url)
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert again["ETag"] == first["ETag"]


def test_api_responses_differ_by_their_known_parameters(client, content, shared_cache):
    urls = [
        "/api/events/",
        "/api/events/?page_size=1",
        "/api/events/?page_size=1&page=2",
        "/api/events/?format=csv",
        "/api/events/?format=geojson",
        "/api/events/?category=strike",
        "/api/events/?lang=ru",
    ]
    assert len({get(client, url).content for url in urls}) == len(urls)
    assert get(client, "/api/events/", HTTP_ACCEPT="text/csv").content == get(client, urls[3]).content


def test_a_cached_download_keeps_its_file_name(client, content, shared_cache):
    get(client, "/api/events/?format=csv")
    again = get(client, "/api/events/?format=csv&zzz=1")
    assert again["Content-Disposition"] == 'attachment; filename="zhanaozen-events.csv"'
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(
    "url",
    [
        "/api/events/?page=",
        "/api/events/?page=0",
        "/api/events/?page_size=0",
        "/api/events/?format=",
        "/api/events/?from=x",
    ],
)
def test_a_bad_api_value_stays_a_400(client, content, shared_cache, url):
    get(client, url.replace("?", "?zzz=1&"), status=400)
    get(client, url, status=400)


def test_a_conditional_get_of_the_api_is_still_a_304(client, content, shared_cache, django_assert_num_queries):
    tag = get(client, "/api/events/?format=csv")["ETag"]
    with django_assert_num_queries(1):
        get(client, "/api/events/?format=csv&zzz=1", status=304, HTTP_IF_NONE_MATCH=tag)


# Single-flight.


def test_many_requests_at_once_build_a_page_once(shared_cache, monkeypatch):
    """Eight threads ask for one cold page together: one builds it while the others wait, then all
    serve the same copy."""
    monkeypatch.setattr("core.freshness.content_state", lambda: ContentState("state", None))
    requests = 8
    builds, waiting = [], set()
    lock = threading.Lock()
    all_waiting = threading.Event()

    @cached_by_content
    def view(request):
        builds.append(threading.get_ident())
        assert all_waiting.wait(timeout=10), "the other requests never waited"
        return HttpResponse(f"built by {threading.get_ident()}")

    def pause():
        with lock:
            waiting.add(threading.get_ident())
            if len(waiting) == requests - 1:
                all_waiting.set()
        original_pause()

    original_pause = core.singleflight.pause
    monkeypatch.setattr(core.singleflight, "pause", pause)
    responses = [None] * requests

    def ask(index):
        try:
            responses[index] = view(RequestFactory().get(f"/?zzz={index}"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(index,)) for index in range(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(builds) == 1
    assert {response.content for response in responses} == {f"built by {builds[0]}".encode()}


def test_a_build_that_fails_lets_the_next_request_build(shared_cache, monkeypatch):
    monkeypatch.setattr("core.freshness.content_state", lambda: ContentState("state", None))
    outcomes = iter([RuntimeError("the database went away"), HttpResponse("built")])

    @cached_by_content
    def view(request):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    with pytest.raises(RuntimeError):
        view(RequestFactory().get("/"))
    assert view(RequestFactory().get("/")).content == b"built"  # at once: the lock was released


def test_a_lock_left_by_a_dead_builder_expires(shared_cache, monkeypatch):
    flight = core.singleflight.SingleFlight("page:orphan")
    assert flight.fetch() is None
    assert flight.token
    monkeypatch.setattr(core.singleflight, "WAIT_SECONDS", 0)
    assert core.singleflight.SingleFlight("page:orphan").fetch() is None  # waits no longer, builds
    cache.delete("page:orphan:building")  # as the lock's expiry would
    other = core.singleflight.SingleFlight("page:orphan")
    assert other.fetch() is None
    assert other.token


# CACHE_URL.


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
        (
            "redis://127.0.0.1:6379/2",
            {"BACKEND": "core.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/2"},
        ),
        ("rediss://:secret@cache.example.org:6380", {"BACKEND": "core.cache.RedisCache"}),
        ("unix:///run/redis/redis.sock?db=1", {"BACKEND": "core.cache.RedisCache"}),
    ],
)
def test_cache_url_chooses_the_cache(url, expected):
    assert expected.items() <= cache_from_url(url).items()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://127.0.0.1:11211", "must be a Redis address"),
        ("127.0.0.1:6379", "must be a Redis address"),
        ("redis://", "names no host"),
        ("redis://127.0.0.1:port/0", "not a Redis address"),
        ("redis://127.0.0.1:6379/cache", "a database number"),
        ("redis://127.0.0.1:6379/0?socket_timeout=soon", "not a Redis address"),
        ("unix://", "names no socket"),
    ],
)
def test_a_bad_cache_url_is_refused_at_startup(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        cache_from_url(url)


def test_the_redis_cache_makes_one_client_per_pool_not_one_per_call():
    """Django's RedisCache builds a redis.Redis (and its table of response callbacks) for every
    operation, which cost more than the round trips under load; core.cache.RedisCache keeps one."""
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from core.cache import RedisCache

    ours = RedisCache(REDIS_URL, {"KEY_PREFIX": "one-client-test"})
    assert ours._cache.get_client() is ours._cache.get_client(write=True)
    ours.set("key", "value", 10)
    assert ours.get("key") == "value"
    ours.delete("key")
    django = DjangoRedisCache(REDIS_URL, {})
    assert django._cache.get_client() is not django._cache.get_client()  # what this module fixes
