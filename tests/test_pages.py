import base64
import hashlib
import html
import json
import re

import pytest

from tests.factories import ActorFactory, CategoryFactory, EventFactory, PlaceFactory, SourceFactory
from tests.inline import inline_scripts, inline_styles, style_texts
from timeline.models import Citation, Event
from tours.models import Tour, TourStop

pytestmark = pytest.mark.django_db

# Every kind of public page, with the ``content`` below.
PUBLIC_PAGES = [
    "/",
    "/?category=strike&q=happened",
    "/events/massacre/",
    "/events/massacre/panel/",
    "/events/massacre/history/",
    "/places/zhanaozen/",
    "/sources/",
    "/present/",
    "/present/?from=2009",
    "/present/a-tour/",
    "/present/a-tour/?notes=1",
    "/present/a-tour/handout/",
    "/present/?events=massacre&title=Mine",
    "/present/handout/?events=massacre",
    "/present/build/?events=massacre",
]


@pytest.fixture
def content(db):
    """One published event, in a tour; a draft and an event in review with a place, a category, a
    person and a source of their own (each named "Secret …"), and stops in the same tour."""
    strike = CategoryFactory(slug="strike", name="Strike", order=1)
    published = EventFactory(slug="massacre", place=PlaceFactory(slug="zhanaozen"), categories=[strike])
    tour = Tour.objects.create(title="A tour", slug="a-tour", status=Tour.Status.PUBLISHED)
    TourStop.objects.create(tour=tour, event=published, order=1)
    for order, status in enumerate([Event.Status.DRAFT, Event.Status.REVIEW], start=2):
        secret = EventFactory(
            slug=f"secret-{status}",
            title=f"Secret {status}",
            place=PlaceFactory(slug=f"secret-place-{status}", name=f"Secret place {status}"),
            categories=[CategoryFactory(slug=f"secret-category-{status}", name=f"Secret category {status}"), strike],
            status=status,
            cited=False,
        )
        secret.actors.set([ActorFactory(slug=f"secret-actor-{status}", name=f"Secret person {status}")])
        source = SourceFactory(slug=f"secret-source-{status}", title=f"Secret source {status}")
        Citation.objects.create(event=secret, source=source, locator="Secret passage.")
        TourStop.objects.create(tour=tour, event=secret, order=order, note="Secret note.")
    return published


def test_explorer_without_javascript_lists_published_events_by_year_with_links(client):
    EventFactory(title="The massacre", slug="massacre")
    EventFactory(title="Secret draft", status=Event.Status.DRAFT)
    page = client.get("/").content.decode()
    assert 'id="year-2011"' in page
    assert 'href="/events/massacre/"' in page
    assert "Secret draft" not in page


def test_event_page_shows_text_date_place_and_sources(client):
    event = EventFactory(title="The massacre", slug="massacre", body="Police *opened fire*.<script>alert(1)</script>")
    page = client.get("/events/massacre/").content.decode()
    assert "16 December 2011" in page
    assert event.place.name in page
    assert "<em>opened fire</em>" in page
    assert inline_scripts(page) == []
    assert "A passage." in page


def test_unpublished_event_page_is_not_found(client):
    EventFactory(slug="draft", status=Event.Status.REVIEW)
    assert client.get("/events/draft/").status_code == 404


def test_place_page_lists_its_published_events_in_order(client):
    place = PlaceFactory(slug="shetpe", name="Shetpe")
    EventFactory(title="Later", place=place, start_date="2012-05-21")
    EventFactory(title="Earlier", place=place, start_date="2011-12-17")
    EventFactory(title="Hidden", place=place, status=Event.Status.DRAFT)
    page = client.get("/places/shetpe/").content.decode()
    assert page.index("Earlier") < page.index("Later")
    assert "Hidden" not in page


def test_sources_page_lists_each_source_with_its_published_events(client):
    event = EventFactory(title="Cited event")
    page = client.get("/sources/").content.decode()
    assert event.citations.get().source.title in page
    assert "Cited event" in page


def test_sources_are_listed_by_publisher_whatever_its_capitals(client):
    for publisher in ("vladimirkozlov.org", "Vlast.kz", "geopolitic.org", "Human Rights Watch"):
        event = EventFactory()
        source = event.citations.get().source
        source.publisher = publisher
        source.title = f"A report by {publisher}"
        source.save()
    page = client.get("/sources/").content.decode()
    found = re.findall(r"A report by ([\w.\s]+?)<", page)
    assert found == ["geopolitic.org", "Human Rights Watch", "vladimirkozlov.org", "Vlast.kz"]


def test_category_colours_come_as_a_stylesheet_not_inline_styles(client):
    event = EventFactory()
    css = client.get("/categories.css")
    assert css["Content-Type"].startswith("text/css")
    category = event.categories.get()
    assert f'[data-category="{category.slug}"]' in css.content.decode()
    assert "style=" not in client.get("/").content.decode()


# The pages whose style sheets are written into them (core/styles.py): the explorer's.
STYLED_INLINE = {"/", "/?category=strike&q=happened"}


def allowed_styles(response) -> list[str]:
    """The style-src sources of ``response``'s Content-Security-Policy."""
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        if name == "style-src":
            return sources
    return []


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/no-such-page/"])
def test_pages_carry_no_inline_script_or_style_but_styles_their_policy_names(client, content, url):
    """No inline script anywhere, no style attribute; the explorer's style sheets are in its page,
    each allowed by its own SHA-256 in the page's policy (and no 'unsafe-inline')."""
    response = client.get(url)
    page = response.content.decode()
    assert inline_scripts(page) == []
    texts = style_texts(page)
    assert inline_styles(page) == ["<style>"] * len(texts)  # no style="…"
    assert len(texts) == (2 if url in STYLED_INLINE else 0)
    allowed = allowed_styles(response)
    assert "'unsafe-inline'" not in allowed
    for text in texts:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


@pytest.mark.parametrize(
    "tag",
    [
        "<script>alert(1)</script>",
        '<script type="module">import "/x.js";</script>',
        '<script type="text/javascript" nonce="n">alert(1)</script>',
        "<SCRIPT>alert(1)</SCRIPT>",
        '<script src="">alert(1)</script>',
        '<a href="#" onclick="alert(1)">a</a>',
        '<img src="x.png" onerror="alert(1)">',
    ],
)
def test_an_inline_script_is_found_in_any_form(tag):
    page = f"<!doctype html><p>Text</p>{tag}<p>More</p>"
    assert (len(inline_scripts(page)), inline_styles(page)) == (1, [])


@pytest.mark.parametrize("tag", ['<p style="color: red">a</p>', "<style>p { color: red; }</style>"])
def test_an_inline_style_is_found(tag):
    page = f"<!doctype html><p>Text</p>{tag}<p>More</p>"
    assert (inline_scripts(page), len(inline_styles(page))) == ([], 1)


def test_script_files_and_json_data_blocks_are_not_inline_scripts():
    page = (
        '<script type="module" src="/static/a.js"></script><script src="/static/b.js" defer></script>'
        '<script id="data" type="application/json">{"a": "<b>"}</script><p>onclick=alert(1) style=x</p>'
    )
    assert (inline_scripts(page), inline_styles(page)) == ([], [])


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert client.post("/healthz").status_code == 405


def test_public_pages_send_a_strict_content_security_policy(client):
    EventFactory(slug="massacre")
    for url in ["/", "/events/massacre/", "/sources/"]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy


def test_places_and_sources_that_only_drafts_use_stay_private(client):
    draft = EventFactory(status=Event.Status.DRAFT, place=PlaceFactory(slug="secret", name="Secret place"))
    source = draft.citations.get().source
    EventFactory()
    assert client.get("/places/secret/").status_code == 404
    assert source.title not in client.get("/sources/").content.decode()


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/categories.css"])
def test_nothing_that_only_drafts_use_reaches_a_public_page(client, content, url):
    """Not the draft nor the event in review, nor the place, category, person or source only they use."""
    response = client.get(url)
    assert response.status_code == 200
    assert "secret" not in response.content.decode().lower()


@pytest.mark.parametrize(
    "url",
    [
        "/events/secret-draft/",
        "/events/secret-draft/panel/",
        "/events/secret-review/",
        "/events/secret-review/panel/",
        "/places/secret-place-draft/",
        "/places/secret-place-review/",
    ],
)
def test_what_only_drafts_use_has_no_page(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "secret" not in response.content.decode().lower()


def explorer_data(page: str) -> dict:
    """The data the explorer's scripts read, from its JSON script block."""
    block = re.search(r'<script id="explorer-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert block, "the explorer's data block is missing"
    return json.loads(block[1])


def test_explorer_offers_only_the_categories_of_published_events(client, content):
    CategoryFactory(slug="unused", name="Unused")
    page = client.get("/").content.decode()
    assert re.findall(r'<input type="checkbox" name="category" value="([^"]+)"', page) == ["strike"]
    assert re.findall(r'data-count-for="strike">(\d+)<', page) == ["1"]
    # The scripts' table of categories comes with the events data, apart from the page.
    tables = client.get("/explorer/events.json").json()["tables"]
    assert [category["slug"] for category in tables["categories"]] == ["strike"]
    assert re.findall(r'data-category="([^"]+)"', client.get("/categories.css").content.decode()) == ["strike"]


def test_explorer_is_built_once_per_state_of_the_content(client, django_assert_max_num_queries):
    event = EventFactory(title="Before the edit")
    first = client.get("/")
    assert "Before the edit" in first.content.decode()
    with django_assert_max_num_queries(1):  # the content's fingerprint, nothing else
        again = client.get("/")
    assert again.content == first.content
    assert client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    event.title = "After the edit"
    event.save()
    changed = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "After the edit" in changed.content.decode()
    assert "Before the edit" not in client.get("/?q=before").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "from=2008"),
        ("event=e1", "from=2008&event=e1"),
        ("importance=1&event=e1&utm_source=x", "importance=1&event=e1"),
        # The filters in one form (the page is shared by every way of writing them: core.freshness).
        ("category=b&category=a&q=", "category=a%2Cb"),
        # An event that is not published opens none, as if left out.
        ("event=nothing-here", "from=2008"),
    ],
)
def test_present_these_events_without_javascript_asks_for_a_selection(client, query, expected):
    EventFactory(slug="e1")
    page = client.get(f"/?{query}").content.decode()
    link = re.search(r'href="([^"]*)" id="present-selection"', page)
    assert html.unescape(link.group(1)) == f"/present/?{expected}"
