"""Sharing a view: its title and description say what it shows (``core.share``), with Open Graph and
Twitter card tags, and its picture is a map of the view drawn on the server (``timeline.og``); the
explorer's front door says what happened and leads to the tours."""

import datetime
import html
import io
import json
import logging
import re

import pytest
from django.contrib.gis.geos import Point
from PIL import Image

from tests.factories import CategoryFactory, EventFactory, PlaceFactory
from timeline import og
from timeline.models import Event
from tours.models import Tour, TourStop

pytestmark = pytest.mark.django_db

LANGUAGES = {"en": ("", "en_GB"), "ru": ("/ru", "ru_RU"), "kk": ("/kk", "kk_KZ")}


@pytest.fixture
def content(db):
    zhanaozen = PlaceFactory(slug="zhanaozen", name_en="Zhanaozen", name_ru="Жанаозен", name_kk="Жаңаөзен")
    aktau = PlaceFactory(slug="aktau", name_en="Aktau", name_ru="Актау", name_kk="Ақтау", geom=Point(51.15, 43.65))
    violence = CategoryFactory(slug="violence", name_en="Violence")
    shooting = EventFactory(
        slug="the-shooting",
        title_en="Police fire on the crowd",
        title_ru="Полиция открывает огонь по толпе",
        title_kk="Полиция тобырға оқ атты",
        summary_en="On 16 December 2011 police opened fire on a crowd in Zhanaozen.",
        place=zhanaozen,
        importance=1,
    )
    shooting.categories.add(violence)
    EventFactory(slug="a-trial", title_en="A trial in Aktau", place=aktau, start_date=datetime.date(2012, 3, 27))
    EventFactory(slug="a-draft", title_en="Not yet", place=aktau, status=Event.Status.DRAFT)
    tour = Tour.objects.create(
        title="The 2011 strike", slug="the-2011-strike", summary="From May to December.", status=Tour.Status.PUBLISHED
    )
    TourStop.objects.create(tour=tour, event=shooting, order=1)
    Tour.objects.create(title="Unpublished", slug="unpublished-tour")
    return shooting


def meta(page: str) -> dict[str, str]:
    """The page's ``<meta>`` tags by property or name (the last of each), unescaped."""
    tags = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', page)
    return {name: html.unescape(value) for name, value in tags}


def title(page: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))


def image_of(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    image.verify()
    return Image.open(io.BytesIO(response.content))


# The meta tags


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "explorer"),
        ("/?place=zhanaozen&from=2011-05&to=2011-12", "explorer-filtered"),
        ("/?event=the-shooting", "explorer-event"),
        ("/events/the-shooting/", "event"),
        ("/places/zhanaozen/", "place"),
        ("/present/the-2011-strike/", "tour"),
    ],
)
def test_every_shared_page_says_what_it_shows_in_its_language(client, content, language, path, kind):
    prefix, locale = LANGUAGES[language]
    response = client.get(prefix + path)
    assert response.status_code == 200
    page = response.content.decode()
    tags = meta(page)
    for name in ["description", "og:title", "og:description", "og:url", "og:type", "og:image", "og:image:alt"]:
        assert tags.get(name), name
    assert tags["og:locale"] == locale
    assert set(re.findall(r'og:locale:alternate" content="([^"]+)"', page)) == {
        other for _prefix, other in LANGUAGES.values() if other != locale
    }
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image"].startswith("http://testserver" + prefix + "/")
    assert tags["og:url"].startswith("http://testserver" + prefix + "/")
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:title"] == tags["og:title"]
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["description"] == tags["og:description"]
    assert page.count('name="description"') == 1
    assert title(page).startswith(tags["og:title"])
    # What the view shows, named in the page's language.
    shooting = {"en": "Police fire on the crowd", "ru": "Полиция открывает огонь по толпе"}.get(
        language, "Полиция тобырға оқ атты"
    )
    zhanaozen = {"en": "Zhanaozen", "ru": "Жанаозен", "kk": "Жаңаөзен"}[language]
    match kind:
        case "explorer":
            assert tags["og:image"] == f"http://testserver{prefix}/og/explorer.png"
        case "explorer-filtered":
            assert zhanaozen in tags["og:title"]
            assert "(1 " in tags["og:title"]  # one event there in the period
            assert "2011" in tags["og:title"]
            assert (
                tags["og:image"] == f"http://testserver{prefix}/og/explorer.png?from=2011-05&to=2011-12&place=zhanaozen"
            )
            assert tags["og:url"] == f"http://testserver{prefix}/?from=2011-05&to=2011-12&place=zhanaozen"
        case "explorer-event" | "event":
            assert tags["og:title"].startswith(shooting)
            assert tags["og:type"] == "article"
            assert tags["og:image"] == f"http://testserver{prefix}/og/events/the-shooting.png"
        case "place":
            assert tags["og:title"] == zhanaozen
            assert tags["og:image"] == f"http://testserver{prefix}/og/explorer.png?place=zhanaozen"
        case "tour":
            assert tags["og:title"] == "The 2011 strike"
            assert tags["og:description"] == "From May to December."
            assert tags["og:image"] == f"http://testserver{prefix}/present/the-2011-strike/og.png"


def test_the_address_shared_is_the_canonical_one(client, content):
    tags = meta(client.get("/?utm_source=x&place=zhanaozen&place=").content.decode())
    assert tags["og:url"] == "http://testserver/?place=zhanaozen"


def test_what_is_shared_is_escaped(client, content):
    content.summary_en = 'Said "stop" & <left>'
    content.save()
    page = client.get("/events/the-shooting/").content.decode()
    assert 'content="Said &quot;stop&quot; &amp; &lt;left&gt;"' in page
    assert meta(page)["og:description"] == 'Said "stop" & <left>'


def test_the_explorer_counts_what_its_filters_select(client, content):
    tags = meta(client.get("/?category=violence").content.decode())
    assert tags["og:title"] == "Events: Violence (1 event)"
    assert "Police fire on the crowd" in tags["og:description"]
    tags = meta(client.get("/?q=nothing-like-this").content.decode())
    assert "(0 events)" in tags["og:title"]
    assert tags["og:description"] == "No event matches these filters."


def test_pages_without_a_share_keep_their_own_title_and_description(client, content):
    page = client.get("/sources/").content.decode()
    assert title(page).startswith("Sources")
    assert page.count('name="description"') == 1
    assert "og:title" not in page


# The pictures


@pytest.mark.parametrize(
    "url",
    [
        "/og/explorer.png",
        "/og/explorer.png?place=zhanaozen&from=2011",
        "/kk/og/explorer.png?category=violence",
        "/og/events/the-shooting.png",
        "/ru/og/events/the-shooting.png",
        "/present/the-2011-strike/og.png",
    ],
)
def test_a_picture_is_a_png_of_the_size_it_is_announced_with(client, content, url):
    response = client.get(url)
    image = image_of(response)
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["ETag"]


def test_a_picture_is_kept_per_content_and_unknown_parameters_change_nothing(client, content):
    first = client.get("/og/explorer.png?place=zhanaozen").content
    assert client.get("/og/explorer.png?place=zhanaozen&utm_source=x&event=a-trial").content == first
    assert client.get("/og/explorer.png?utm_source=x").content == client.get("/og/explorer.png").content
    # New content: a new picture (another event at Zhanaozen changes its count).
    EventFactory(place=content.place, start_date=datetime.date(2011, 6, 1))
    assert client.get("/og/explorer.png?place=zhanaozen").content != first


def test_a_picture_differs_by_language(client, content):
    assert client.get("/og/events/the-shooting.png").content != client.get("/ru/og/events/the-shooting.png").content


def test_a_picture_revalidates_with_its_etag(client, content):
    response = client.get("/og/events/the-shooting.png")
    again = client.get("/og/events/the-shooting.png", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url", ["/og/events/a-draft.png", "/og/events/no-such-event.png", "/present/unpublished-tour/og.png"]
)
def test_no_picture_of_what_is_not_published(client, content, url):
    assert client.get(url).status_code == 404


def test_a_bad_filter_gets_no_picture(client, content):
    assert client.get("/og/explorer.png?from=2011-13").status_code == 400


def test_the_picture_writes_kazakh_and_russian_with_dejavu(content):
    face = og.font("DejaVuSans.ttf", 20)
    assert "DejaVu" in face.getname()[0]
    # Every letter of the Kazakh alphabet has a glyph of its own (not the font's missing-glyph box).
    missing = face.getmask("\uffff").getbbox()
    for letter in "ӘәҒғҚқҢңӨөҰұҮүҺһІіЖжЩщЁё":
        assert face.getmask(letter).getbbox() != missing, letter


def test_without_the_fonts_a_picture_is_still_drawn_with_a_warning(client, content, monkeypatch, caplog):
    monkeypatch.setattr(og, "FONT_DIRS", ("/nowhere",))
    og.font.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="timeline.og"):
            image = image_of(client.get("/kk/og/events/the-shooting.png"))
        assert image.size == (1200, 630)
        assert "not found" in caplog.text
    finally:
        og.font.cache_clear()


def test_a_long_title_is_cut_with_an_ellipsis_not_drawn_off_the_picture():
    marks = [og.Mark("Zhanaozen", 52.86, 43.34, 12), og.Mark("Almaty", 76.9, 43.2, 1)]
    image = Image.open(io.BytesIO(og.draw_map("word " * 200, "subtitle " * 100, marks)))
    assert image.size == (1200, 630)


# The front door


def test_the_explorer_opens_on_2011_and_names_16_december(client, content):
    page = client.get("/").content.decode()
    timeline = re.search(r'<div class="timeline" id="timeline"[^>]*>', page).group(0)
    assert 'data-initial-range="2011-05-01/2011-12-31"' in timeline
    landmarks = json.loads(html.unescape(re.search(r'data-landmarks="([^"]*)"', timeline).group(1)))
    assert landmarks == [{"day": "2011-12-16", "label": "16 December 2011: police open fire in Zhanaozen"}]


@pytest.mark.parametrize("query", ["from=2012", "to=2011-06", "from=2011-01&to=2011-02"])
def test_a_date_filter_in_the_address_wins_over_the_opening_period(client, content, query):
    page = client.get(f"/?{query}").content.decode()
    timeline = re.search(r'<div class="timeline" id="timeline"[^>]*>', page).group(0)
    assert "data-initial-range" not in timeline
    assert "data-landmarks" in timeline  # 16 December 2011 is named whatever the period


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_front_door_says_what_happened_and_leads_to_the_tours_and_the_whole_span(client, content, language):
    prefix, _locale = LANGUAGES[language]
    page = client.get(prefix + "/").content.decode()
    door = re.search(r'<details class="front-door" id="front-door" open>(.*?)</details>', page, re.S).group(1)
    assert page.index('id="front-door"') < page.index('id="filters"')
    assert "2011" in door
    if language == "en":
        assert "On 16 December 2011 police opened fire on a crowd in Zhanaozen" in door
        assert "official figures for the dead range from 15 to 17" in door
    assert f'href="{prefix}/present/the-2011-strike/"' in door
    assert "unpublished-tour" not in door
    assert f'href="{prefix}/?from=2008&amp;to=2024"' in door
    assert "<summary>" in door


def test_a_name_only_drafts_use_is_never_shared(client, content):
    from tests.factories import ActorFactory

    draft = EventFactory(
        status=Event.Status.DRAFT,
        place=PlaceFactory(slug="secret-place", name="Secret place"),
        categories=[CategoryFactory(slug="secret-category", name="Secret category")],
    )
    draft.actors.set([ActorFactory(slug="secret-actor", name="Secret person")])
    page = client.get("/?place=secret-place&category=secret-category&actor=secret-actor").content.decode()
    tags = meta(page)
    assert "Secret" not in tags["og:title"] + tags["og:description"] + title(page)
    assert "secret-place" in tags["og:title"]  # the address's own words stand for it
    # The picture says the same title: it is the same as for a slug nothing uses.
    unknown = client.get("/og/explorer.png?place=nothing-here").content
    assert client.get("/og/explorer.png?place=secret-place").content != unknown  # the slug itself is written
    draft.place.name_en = "Another secret"
    draft.place.save()
    before = client.get("/og/explorer.png?place=secret-place").content
    draft.place.name_en = "Yet another secret"
    draft.place.save()
    assert client.get("/og/explorer.png?place=secret-place").content == before
