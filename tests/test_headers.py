"""The security headers of every kind of response, as Mozilla's HTTP Observatory reads them (its
``scripts/observatory`` check grades them): a strict CSP everywhere, the admin and the API's docs
included, and in production HSTS and cookies that only travel over HTTPS."""

import importlib
import re
import sys

import pytest
from django.test import override_settings

from tests.factories import EventFactory, PlaceFactory
from tours.models import Tour, TourStop
from zhanaozen.policies import DOCUMENTS

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/events/massacre/",
    "/places/zhanaozen/",
    "/sources/",
    "/present/",
    "/present/a-tour/",
    "/present/a-tour/handout/",
    "/ru/events/massacre/",
    "/kk/",
    "/og/explorer.png?place=zhanaozen",  # a shared view's picture
    "/og/events/massacre.png",
    "/present/a-tour/og.png",
    "/no-such-page/",  # 404
    "/api/events/",
    "/api/events/?format=csv",
    "/api/places/",  # GeoJSON
    "/api/schema/",
    "/api/docs/",
    "/api/docs/?script",
    "/admin/login/",
    "/sw.js",  # the service worker
]
EDITORS = [
    "/admin/",
    "/admin/timeline/event/",
    "/admin/timeline/event/{event}/change/",
    "/admin/geo/place/{place}/change/",
]


@pytest.fixture
def content(db):
    event = EventFactory(slug="massacre", place=PlaceFactory(slug="zhanaozen"))
    tour = Tour.objects.create(title="A tour", slug="a-tour", status=Tour.Status.PUBLISHED)
    TourStop.objects.create(tour=tour, event=event, order=1)
    return event


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def assert_safe_headers(response):
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert not any("unsafe" in value for values in policy.values() for value in values)  # style-src too
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "https://tile.openstreetmap.org" in policy["img-src"]  # the maps' tiles, the admin's too
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("url", PUBLIC)
def test_every_public_response_sends_a_strict_policy(client, content, url):
    response = client.get(url)
    assert response.status_code == (404 if "no-such" in url else 200)
    media_type = response["Content-Type"].split(";")[0]
    if media_type in DOCUMENTS:  # a page, the service worker
        assert_safe_headers(response)
        assert "nonce-" not in response["Content-Security-Policy"]  # cached pages hold no nonce
    else:
        assert_nothing_runs(response)


def assert_nothing_runs(response):
    """Not a page (data, a picture): opened on its own, nothing in it may run, load or be framed;
    the pages' permissions policy, which only documents read, is not sent."""
    assert directives(response) == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
    assert "Permissions-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("url", "media_type"),
    [
        ("/api/events/", "application/json"),
        ("/api/events/?format=csv", "text/csv"),
        ("/api/places/", "application/geo+json"),
        ("/og/events/massacre.png", "image/png"),
        ("/categories.css", "text/css"),
        ("/explorer/events.json", "application/json"),
    ],
)
def test_what_is_not_a_page_gets_the_short_policy(client, content, url, media_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == media_type
    assert_nothing_runs(response)
    assert len(response["Content-Security-Policy"]) < 60


def test_a_page_revalidated_keeps_the_pages_policy(client, content):
    """A 304 has no media type; the browser puts its headers on the page it kept, whose scripts and
    style sheets would be blocked by the policy of what is not a page (the offline tours were)."""
    page = client.get("/present/a-tour/")
    assert page.status_code == 200
    again = client.get("/present/a-tour/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304
    assert_safe_headers(again)
    data = client.get("/explorer/events.json")
    assert client.get("/explorer/events.json", HTTP_IF_NONE_MATCH=data["ETag"]).status_code == 304


def test_the_admins_pages_send_a_strict_policy_and_only_the_map_a_nonce(editor_client, content):
    for url in EDITORS:
        response = editor_client.get(url.format(event=content.pk, place=content.place.pk))
        assert response.status_code == 200, url
        assert_safe_headers(response)
    # The map widget's scripts carry the nonce that the header names, and no other script is inline.
    page = editor_client.get(f"/admin/geo/place/{content.place.pk}/change/")
    (nonce,) = re.findall(r"'nonce-([^']+)'", page["Content-Security-Policy"])
    scripts = re.findall(r"<script([^>]*)>", page.content.decode())
    inline = [attributes for attributes in scripts if "src=" not in attributes and "application/json" not in attributes]
    assert inline
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)
    assert (
        editor_client.get(f"/admin/geo/place/{content.place.pk}/change/")["Content-Security-Policy"]
        != (page["Content-Security-Policy"])
    )  # a new nonce for every response


def test_the_api_docs_have_no_inline_script_or_style(client):
    page = client.get("/api/docs/").content.decode()
    assert "<style" not in page
    assert all("src=" in attributes for attributes in re.findall(r"<script([^>]*)>", page))


@pytest.fixture
def production(monkeypatch, tmp_path):
    """The settings that production adds to the test settings' (HTTPS, WhiteNoise, secure cookies)."""
    monkeypatch.setattr("zhanaozen.settings.base.SECRET_KEY", "x" * 50)  # read when base was imported
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "true")
    monkeypatch.delitem(sys.modules, "zhanaozen.settings.production", raising=False)
    module = importlib.import_module("zhanaozen.settings.production")
    names = [name for name in dir(module) if name.startswith(("SECURE_", "SESSION_", "CSRF_", "WHITENOISE_"))]
    with override_settings(
        MIDDLEWARE=module.MIDDLEWARE,
        STATIC_ROOT=tmp_path,
        WHITENOISE_USE_FINDERS=True,
        **{name: getattr(module, name) for name in names},
    ):
        yield


def test_production_sends_hsts_and_redirects_to_https(client, content, production):
    response = client.get("/sources/", secure=True)
    assert_safe_headers(response)
    hsts = dict((part.strip().split("=") + [""])[:2] for part in response["Strict-Transport-Security"].split(";"))
    assert int(hsts["max-age"]) >= 6 * 30 * 24 * 60 * 60
    assert "includeSubDomains" in hsts
    assert "preload" in hsts
    redirect = client.get("/sources/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/sources/"


def test_production_serves_static_files_that_could_be_opened_as_documents_with_nothing_running(client, production):
    """What a browser could open on its own (an SVG may hold scripts) lets nothing in it run."""
    response = client.get("/static/zhanaozen/icon.svg", secure=True)
    assert response.status_code == 200
    assert_nothing_runs(response)
    assert "Strict-Transport-Security" in response


@pytest.mark.parametrize("path", ["zhanaozen/site.css", "timeline/explorer.js"])
def test_production_sends_scripts_and_style_sheets_only_the_headers_they_use(client, production, path):
    """A script or a style sheet is never a document: no CSP, framing or permissions policy (they are
    read from documents only), about 700 bytes less on each; what applies to every file stays."""
    response = client.get(f"/static/{path}", secure=True)
    assert response.status_code == 200
    for document_only in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert document_only not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" in response
    assert "max-age" in response["Cache-Control"]


def test_production_cookies_are_secure_httponly_and_samesite(client, editor, production):
    from tests.conftest import PASSWORD

    client.get("/admin/login/", secure=True)
    token = client.cookies["csrftoken"]
    assert token["secure"]
    assert token["samesite"] == "Lax"
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": editor.username, "password": PASSWORD, "csrfmiddlewaretoken": token.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
