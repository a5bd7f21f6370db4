"""The service worker (``/sw.js``) and what it is told: where it is served from and how, which
addresses it may keep (never the admin's, the API's or other hosts'), what "Save for offline" keeps
of a tour, and that a response setting a cookie is marked private, since a worker cannot see it."""

import html
import json
import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from core.middleware import private_when_setting_cookies
from tests.factories import EventFactory, PlaceFactory
from tours.models import Tour, TourStop
from tours.offline import tour_addresses
from zhanaozen import offline

pytestmark = pytest.mark.django_db


def config_of(response) -> dict:
    first, _rest = response.content.decode().split("\n", 1)
    assert first.startswith("const CONFIG = ")
    assert first.endswith(";")
    return json.loads(first.removeprefix("const CONFIG = ").removesuffix(";"))


def kept(path: str, config: dict) -> bool:
    """Whether the worker may keep ``path``: as sw.js decides (isKept)."""
    return path.startswith(config["static"]) or any(path.startswith(prefix) for prefix in config["pages"])


@pytest.fixture
def tour(db):
    tour = Tour.objects.create(title="A tour", slug="a-tour", status=Tour.Status.PUBLISHED)
    square = PlaceFactory(slug="town-square", name="Town square")
    for order, slug in enumerate(["first", "second"], start=1):
        TourStop.objects.create(tour=tour, event=EventFactory(slug=slug, place=square), order=order)
    TourStop.objects.create(tour=tour, event=EventFactory(slug="draft", status="draft", place=None), order=3)
    return tour


def test_the_worker_is_served_from_the_root_never_kept_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert "worker-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies
    assert 'addEventListener("fetch"' in response.content.decode()
    # Only at the root: a worker under /ru/ could not control the English pages.
    assert client.get("/ru/sw.js").status_code == 404
    assert client.post("/sw.js").status_code == 405


def test_the_worker_keeps_public_pages_in_every_language_and_nothing_else(client):
    config = config_of(client.get("/sw.js"))
    for path in [
        "/present/a-tour/", "/present/a-tour/handout/", "/ru/present/a-tour/?notes=1", "/kk/events/massacre/",
        "/places/zhanaozen/", "/categories.css", "/ru/jsi18n/", "/static/tours/present.js",
    ]:  # fmt: skip
        assert kept(path, config), path
    for path in [
        f"/{settings.ADMIN_URL}", f"/{settings.ADMIN_URL}timeline/event/", "/api/events/", "/api/events/?format=csv",
        "/i18n/setlang/", "/healthz", "/sw.js", "/", "/explorer/search.json?q=x",
    ]:  # fmt: skip
        assert not kept(path, config), path


def test_the_version_changes_with_the_worker_and_with_the_static_files(monkeypatch, tmp_path):
    offline.worker_version.cache_clear()
    first = offline.worker_version()
    monkeypatch.setattr(offline, "_source", lambda: "// another worker")
    offline.worker_version.cache_clear()
    assert offline.worker_version() != first
    monkeypatch.undo()

    class Storage:  # a deploy's manifest of hashed names (ManifestStaticFilesStorage)
        manifest_name = "staticfiles.json"
        content = b'{"paths": {"tours/present.js": "tours/present.0123456789ab.js"}}'

        def exists(self, name):
            return True

        def open(self, name):
            import io

            return io.BytesIO(self.content)

    storage = Storage()
    monkeypatch.setattr(offline, "staticfiles_storage", storage)
    offline.worker_version.cache_clear()
    deployed = offline.worker_version()
    storage.content = b'{"paths": {"tours/present.js": "tours/present.ba9876543210.js"}}'
    offline.worker_version.cache_clear()
    assert offline.worker_version() not in {deployed, first}
    offline.worker_version.cache_clear()


def test_a_response_that_sets_a_cookie_is_private():
    def sets_cookie(request):
        response = HttpResponse("yours")
        response["Cache-Control"] = "public, max-age=60"
        response.set_cookie("sessionid", "x")
        return response

    request = RequestFactory().get("/present/")
    response = private_when_setting_cookies(sets_cookie)(request)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    plain = private_when_setting_cookies(lambda request: HttpResponse("anyone's"))(request)
    assert not plain.has_header("Cache-Control")


def test_public_pages_the_worker_keeps_are_not_private(client, tour):
    for path in ["/present/a-tour/", "/present/a-tour/handout/", "/events/first/", "/categories.css"]:
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, path
        control = response.get("Cache-Control", "")
        assert "private" not in control, path
        assert "no-store" not in control, path
        assert "cookie" not in response.get("Vary", "").lower(), path


def test_save_for_offline_keeps_the_tour_its_published_stops_and_the_outline(client, tour):
    response = client.get("/present/a-tour/offline.json")
    assert response.status_code == 200
    urls = response.json()["urls"]
    assert urls[:3] == ["/present/a-tour/", "/present/a-tour/?notes=1", "/present/a-tour/handout/"]
    assert "/events/first/" in urls
    assert "/events/second/" in urls
    assert "/places/town-square/" in urls
    assert "/events/draft/" not in urls
    assert any(url.endswith("natural-earth-region.svg") for url in urls)
    config = config_of(client.get("/sw.js"))
    assert all(kept(url.split("?")[0], config) for url in urls)
    with translation.override("ru"):
        assert tour_addresses(tour)[0] == "/ru/present/a-tour/"
    assert client.get("/present/no-such-tour/offline.json").status_code == 404


def test_the_slideshow_offers_to_save_a_tour_and_a_selection_only_registers(client, tour):
    page = client.get("/present/a-tour/").content.decode()
    assert 'data-worker="/sw.js"' in page
    assert 'data-manifest="/present/a-tour/offline.json"' in page
    assert 'id="map-places" type="application/json"' in page
    selection = client.get("/present/?q=").content.decode()
    assert 'id="save-offline"' in selection
    assert "data-manifest" not in selection


def test_the_handout_maps_carry_the_places_they_show(client, tour):
    PlaceFactory(slug="far-away", name="Far away", geom="POINT (10 50)")
    EventFactory(slug="elsewhere", place=PlaceFactory(slug="far-away"))
    page = client.get("/present/a-tour/handout/").content.decode()
    maps = re.findall(r'<svg class="static-map"[^>]* data-spot="([^"]*)" data-places="([^"]*)"', page)
    assert len(maps) == 2
    for spot, places in maps:
        places = json.loads(html.unescape(places))
        assert spot == "town-square"
        # Only the places inside the map, each with its point on it; the far one is not there.
        assert [place["slug"] for place in places] == ["town-square"]
        assert places[0]["name"] == "Town square"
        assert 0 <= places[0]["x"] <= 240
        assert 0 <= places[0]["y"] <= 160
    assert 'src="/static/tours/handout.js"' in page
