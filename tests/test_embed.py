"""The embeds (/embed/, /embed/tour/<slug>/): other sites may frame them, and only them."""

import re

import pytest
from django.test import override_settings

from tests.factories import EventFactory, PlaceFactory
from tests.test_headers import PUBLIC, directives
from tours.models import Tour, TourStop

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    """The pages of ``tests.test_headers.PUBLIC``: an event at a place, a tour of it."""
    event = EventFactory(slug="massacre", place=PlaceFactory(slug="zhanaozen"))
    tour = Tour.objects.create(title="A tour", slug="a-tour", status=Tour.Status.PUBLISHED)
    TourStop.objects.create(tour=tour, event=event, order=1)
    return event


EMBEDS = [
    "/embed/",
    "/embed/?place=zhanaozen&from=2011",
    "/embed/?event=massacre",
    "/embed/tour/a-tour/",
    "/ru/embed/",
    "/kk/embed/tour/a-tour/",
]


@pytest.mark.parametrize("url", EMBEDS)
def test_an_embed_may_be_framed_by_the_configured_origins(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response
    # The rest of the policy is as strict as on every page.
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


@override_settings(EMBED_FRAME_ANCESTORS=["https://news.example", "https://union.example"])
def test_the_origins_allowed_to_frame_an_embed_are_a_setting(client, content):
    for url in ("/embed/", "/embed/tour/a-tour/"):
        response = client.get(url)
        assert directives(response)["frame-ancestors"] == ["https://news.example", "https://union.example"]
        client.get(url)  # from the cache too
        assert directives(client.get(url))["frame-ancestors"] == ["https://news.example", "https://union.example"]


@pytest.mark.parametrize("url", PUBLIC)
def test_every_other_page_stays_unframeable(client, content, url):
    client.get("/embed/")  # an embed built (and cached) first changes nothing for the others
    response = client.get(url)
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_an_embed_served_from_the_cache_keeps_its_headers(client, content):
    first = client.get("/embed/?place=zhanaozen")
    second = client.get("/embed/?place=zhanaozen")
    assert second.content == first.content
    assert directives(second)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in second
    # Cacheable as the explorer is: the same validators and Cache-Control.
    explorer = client.get("/?place=zhanaozen")
    assert second["Cache-Control"] == explorer["Cache-Control"]
    assert ("ETag" in second) == ("ETag" in explorer)


def test_the_explorers_embed_has_no_site_chrome_and_links_to_the_full_view(client, content):
    page = client.get("/embed/?place=zhanaozen&utm_source=x").content.decode()
    assert 'class="site-header"' not in page
    assert 'class="site-footer"' not in page
    assert 'id="explorer"' in page
    assert 'id="filters"' in page
    full_view = "http://testserver/?place=zhanaozen"
    assert f'<link rel="canonical" href="{full_view}">' in page
    (link,) = re.findall(r'<a class="embed-full-view"[^>]*>', page)
    assert f'href="{full_view}"' in link
    assert 'target="_blank"' in link
    assert 'rel="noopener"' in link
    # Its form and "Clear filters" stay in the embed; its scripts open other links in a new tab.
    assert 'action="/embed/"' in page
    assert 'href="/embed/" id="clear-filters"' in page
    assert "zhanaozen/embed.js" in page
    assert 'id="embed-code"' not in page  # no "Share" inside an embed


def test_the_explorers_embed_in_russian(client, content):
    page = client.get("/ru/embed/?event=massacre").content.decode()
    assert '<html lang="ru">' in page
    assert '<link rel="canonical" href="http://testserver/ru/?event=massacre">' in page
    assert 'action="/ru/embed/"' in page


def test_a_tours_embed_has_no_presenter_view_and_links_to_the_tour(client, content):
    page = client.get("/embed/tour/a-tour/?notes=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/present/a-tour/">' in page
    assert 'href="http://testserver/present/a-tour/" target="_blank" rel="noopener"' in page
    assert "presenter-link" not in page  # never the teachers' notes
    assert "presenter-mode" not in page
    assert "zhanaozen-present-embed-a-tour" in page  # not in step with a teacher's own windows
    assert 'class="language-switcher' not in page


def test_an_unpublished_tour_has_no_embed(client, content):
    assert client.get("/embed/tour/no-such-tour/").status_code == 404


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("/", "http://testserver/embed/"),
        ("/?place=zhanaozen&amp;from=2011", None),  # the explorer's filters
        ("/events/massacre/", "http://testserver/embed/?event=massacre"),
        ("/places/zhanaozen/", "http://testserver/embed/?place=zhanaozen"),
        ("/present/a-tour/", "http://testserver/embed/tour/a-tour/"),
        ("/ru/events/massacre/", "http://testserver/ru/embed/?event=massacre"),
    ],
)
def test_every_shared_page_offers_its_embed_to_copy(client, content, url, embed):
    page = client.get(url.replace("&amp;", "&")).content.decode()
    (code,) = re.findall(r'<textarea id="embed-code"[^>]*>([^<]*)</textarea>', page)
    # The snippet is text in the page (escaped), an <iframe> once copied.
    assert code.startswith("&lt;iframe src=&quot;")
    src = re.search(r"src=&quot;(.*?)&quot;", code).group(1)
    if embed is None:
        assert src == "http://testserver/embed/?from=2011&amp;amp;place=zhanaozen"
    else:
        assert src == embed
    assert "title=&quot;" in code
    assert "&lt;/iframe&gt;" in code


def test_the_embed_snippet_escapes_the_title(client, db):
    event = EventFactory(slug="quotes", title='A "quoted" <title>', place=PlaceFactory(slug="somewhere"))
    page = client.get(event.get_absolute_url()).content.decode()
    (code,) = re.findall(r'<textarea id="embed-code"[^>]*>([^<]*)</textarea>', page)
    assert "&lt;title&gt;" not in code.replace("&amp;lt;title&amp;gt;", "")  # escaped twice: HTML in text
    assert "&amp;quot;quoted&amp;quot;" in code
