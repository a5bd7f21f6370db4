import datetime
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from tests.factories import ActorFactory, CategoryFactory, EventFactory, PlaceFactory, SourceFactory
from timeline.filters import EventFilters
from timeline.models import Account, Citation, Event
from timeline.services import load_content
from tours.models import Tour, TourStop
from tours.presentation import MAX_SLIDES

pytestmark = pytest.mark.django_db


@pytest.fixture
def tour(db):
    tour = Tour.objects.create(title="Strike", slug="strike", status=Tour.Status.PUBLISHED)
    place = PlaceFactory(slug="zhanaozen", name="Zhanaozen")
    for order, day in enumerate(["2011-05-16", "2011-07-08", "2011-12-16"], start=1):
        event = EventFactory(title=f"Stop {order}", slug=f"stop-{order}", start_date=day, place=place)
        TourStop.objects.create(tour=tour, event=event, order=order, note=f"Note {order}")
    return tour


def test_an_event_is_a_stop_of_a_tour_once(tour):
    with pytest.raises(IntegrityError), transaction.atomic():
        TourStop.objects.create(tour=tour, event=Event.objects.first(), order=9)


def test_tour_list_shows_published_tours_only(client, tour):
    Tour.objects.create(title="Unfinished", slug="unfinished")
    page = client.get("/present/").content.decode()
    assert "Strike" in page
    assert "Unfinished" not in page
    assert client.get("/present/unfinished/").status_code == 404


def test_presentation_has_one_slide_per_stop_in_order_with_sources(client, tour):
    page = client.get("/present/strike/").content.decode()
    assert page.index('id="slide-1"') < page.index('id="slide-2"') < page.index('id="slide-3"')
    assert page.index("Stop 1") < page.index("Stop 2") < page.index("Stop 3")
    assert "A passage." not in page  # the slide gives the source, not the quotation
    assert "Test Publisher" in page
    assert 'data-lat="43.340000"' in page


def test_a_stop_with_an_unpublished_event_is_left_out(client, tour):
    Event.objects.filter(slug="stop-2").update(status=Event.Status.DRAFT)
    page = client.get("/present/strike/").content.decode()
    assert "Stop 2" not in page
    # The opening slide, two stops, the closing slide: numbered as they are shown.
    assert re.findall(r'id="slide-(\d+)" data-number="\d+" data-slug="([^"]+)"', page) == [
        ("2", "stop-1"),
        ("3", "stop-3"),
    ]
    assert 'id="slide-5"' not in page


def test_focus_text_replaces_the_summary_and_notes_are_in_the_page(client, tour):
    TourStop.objects.filter(order=1).update(focus="What to look at.")
    page = client.get("/present/strike/?notes=1").content.decode()
    assert "What to look at." in page
    assert "Note 1" in page
    assert "presenter-mode" in page


@pytest.mark.parametrize("url", ["/present/strike/", "/present/strike/handout/"])
def test_the_audience_gets_no_teachers_notes(client, tour, url):
    page = client.get(url).content.decode()
    assert "Stop 1" in page
    assert not any(f"Note {n}" in page for n in (1, 2, 3))
    assert "slide-note" not in page


def test_the_presenter_view_gets_the_teachers_notes(client, tour):
    page = client.get("/present/strike/", {"notes": "1"}).content.decode()
    assert all(f"Note {n}" in page for n in (1, 2, 3))


def presenter_link(page):
    return html.unescape(re.search(r'href="([^"]*)" id="presenter-link"', page).group(1))


def channel(page):
    return re.search(r'data-channel="([^"]*)"', page).group(1)


def test_the_presenter_view_link_keeps_the_selection(client):
    EventFactory(start_date="2011-12-16", importance=1)
    audience = client.get("/present/?from=2011&importance=1").content.decode()
    assert presenter_link(audience) == "?from=2011&importance=1&notes=1"
    presenter = client.get(f"/present/{presenter_link(audience)}").content.decode()
    assert "presenter-mode" in presenter
    # The presenter and the audience of a selection keep in step; another selection is another show.
    assert channel(presenter) == channel(audience)
    assert channel(client.get("/present/?from=2012").content.decode()) != channel(audience)


def test_the_presenter_view_link_of_a_tour(client, tour):
    page = client.get("/present/strike/").content.decode()
    assert (presenter_link(page), channel(page)) == ("?notes=1", "zhanaozen-present-strike")


def test_selection_slideshow_presents_the_filtered_events_in_order(client):
    EventFactory(title="December", start_date="2011-12-16")
    EventFactory(title="July", start_date="2011-07-08")
    EventFactory(title="Next year", start_date="2012-06-01", date_precision="month")
    page = client.get("/present/", {"from": "2011-01", "to": "2011-12", "event": "nope"}).content.decode()
    page = page[page.index('id="slides"') :]  # the slides (the head's share tags name the events too)
    assert page.index("July") < page.index("December")
    assert "Next year" not in page


def test_selection_slideshow_starts_at_the_chosen_event(client):
    EventFactory(title="First", slug="first", start_date="2011-07-08")
    EventFactory(title="Second", slug="second", start_date="2011-12-16")
    page = client.get("/present/", {"from": "2011", "event": "second"}).content.decode()
    assert 'data-start="3"' in page  # after the opening slide and the first event


# A valid value of each of the explorer's filters.
FILTER_SAMPLES = {
    "from": "2011",
    "to": "2011-12",
    "category": "strike",
    "place": "zhanaozen",
    "actor": "police",
    "q": "shooting",
    "importance": "1",
    "disputed": "1",
}


@pytest.mark.parametrize("parameter", EventFilters.parameters)
def test_any_filter_parameter_makes_a_selection_slideshow(client, parameter):
    event = EventFactory(title="Shooting", slug="shooting", importance=1, categories=[CategoryFactory(slug="strike")])
    event.actors.add(ActorFactory(slug="police"))
    event.place.slug = "zhanaozen"
    event.place.save()
    source = event.citations.get().source
    Account.objects.create(event=event, topic="Deaths", source=source, claim="16 killed", locator="“16”")
    response = client.get("/present/", {parameter: FILTER_SAMPLES[parameter]})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="presentation"' in page
    assert 'data-slug="shooting"' in page


def test_without_filter_parameters_the_tours_are_listed(client, tour):
    for query in [{}, {"notes": "1"}, {"event": "stop-1"}]:
        page = client.get("/present/", query).content.decode()
        assert 'class="tour-list"' in page
        assert 'id="presentation"' not in page


@pytest.mark.parametrize(
    ("query", "parameter"),
    [({"from": "May 2011"}, "from"), ({"importance": "9"}, "importance"), ({"to": "2011-13"}, "to")],
)
def test_selection_with_a_bad_value_shows_the_tours_with_a_message_naming_it(client, tour, query, parameter):
    response = client.get("/present/", query)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert f"“{parameter}”" in page
    assert "Strike" in page  # the tours are listed below the message


def test_handout_has_a_static_map_and_a_qr_code_for_each_stop(client, tour):
    page = client.get("/present/strike/handout/").content.decode()
    assert page.count('class="static-map"') == 3
    codes = re.findall(r"<svg[^>]*class=\"segno\"[^>]*>", page)
    assert len(codes) == 3
    # Scaled whole by the stylesheet: a viewBox, and no size of their own to be cut at.
    assert all("viewBox=" in code and "width=" not in code for code in codes)
    # No script but the one that names the places on the maps (tours/handout.js): without it the
    # handout is whole, its maps unnamed.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="module" src="/static/tours/handout.js">']


def test_the_shipped_tours_are_built_from_published_content(db):
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    strike = Tour.objects.get(slug="the-2011-strike-and-the-massacre")
    after = Tour.objects.get(slug="after-zhanaozen")
    assert 10 <= strike.stops.count() <= 14
    assert 8 <= after.stops.count() <= 12
    assert not TourStop.objects.exclude(event__status=Event.Status.PUBLISHED).exists()
    massacre_months = strike.stops.filter(event__start_date__year=2011).count()
    assert massacre_months >= strike.stops.count() - 1


def test_editor_can_build_a_tour_with_ordered_stops(editor_client):
    events = [EventFactory(slug=f"e{n}") for n in range(2)]
    response = editor_client.post(
        "/admin/tours/tour/add/",
        {
            "title_en": "A tour",
            "slug": "a-tour",
            "summary_en": "",
            "order": "3",
            "status": "draft",
            "stops-TOTAL_FORMS": "2",
            "stops-INITIAL_FORMS": "0",
            "stops-MIN_NUM_FORMS": "0",
            "stops-MAX_NUM_FORMS": "1000",
            "stops-0-event": events[1].pk,
            "stops-0-order": "1",
            "stops-1-event": events[0].pk,
            "stops-1-order": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    tour = Tour.objects.get(slug="a-tour")
    assert [stop.event.slug for stop in tour.stops.order_by("order")] == ["e1", "e0"]


@pytest.mark.parametrize("url", ["/", "/sources/", "/present/"])
def test_the_site_header_links_to_the_tours(client, url):
    page = client.get(url).content.decode()
    header = re.search(r'<header class="site-header">.*?</header>', page, re.DOTALL).group(0)
    assert re.search(r'<a href="/present/"[^>]*>Tours</a>', header)


def test_tours_are_listed_in_teaching_order(client):
    for title, order in [("Afterwards", 2), ("Background", 3), ("Zero hour", 1)]:
        Tour.objects.create(title=title, slug=slugify(title), order=order, status=Tour.Status.PUBLISHED)
    page = client.get("/present/").content.decode()
    assert page.index("Zero hour") < page.index("Afterwards") < page.index("Background")
    assert [tour["slug"] for tour in client.get("/api/tours/").json()] == ["zero-hour", "afterwards", "background"]


def test_the_shipped_tours_begin_with_2011(client):
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    page = client.get("/present/").content.decode()
    assert page.index("/present/the-2011-strike-and-the-massacre/") < page.index("/present/after-zhanaozen/")


def test_the_first_tours_summary_begins_where_its_stops_do(client):
    """The tour's dates run from its first stop's, a 2010 stoppage given as background: its summary,
    which says where it begins, names that year first, in each language (it began with May 2011)."""
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    tour = Tour.objects.get(slug="the-2011-strike-and-the-massacre")
    year = tour.stops.order_by("order").first().event.start_date.year
    assert year == 2010
    for language in ("en", "ru", "kk"):
        summary = getattr(tour, f"summary_{language}")
        assert re.findall(r"\b(?:19|20)\d\d\b", summary)[0] == str(year), language


def test_editors_set_the_order_of_tours_in_their_list(editor_client):
    tour = Tour.objects.create(title="Strike", slug="strike")
    page = editor_client.get("/admin/tours/tour/").content.decode()
    assert 'name="form-0-order"' in page
    response = editor_client.post(
        "/admin/tours/tour/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": tour.pk,
            "form-0-order": "7",
            "initial-form-0-order": "0",  # the order the editor saw (core.admin.ListEditForm)
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    tour.refresh_from_db()
    assert tour.order == 7


def test_the_keys_on_the_tours_page_are_those_the_readme_lists(client):
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    teaching = readme.split("## Teaching with it", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|(.*)\|(.*)\|$", teaching, re.MULTILINE)
    documented = [(keys.strip(), what.strip()) for keys, what in rows[2:]]  # after the header and its rule
    page = client.get("/present/").content.decode()
    keys = re.search(r'<section class="keys".*?</section>', page, re.DOTALL).group(0)
    listed = [
        (" ".join(html.unescape(dt).split()), " ".join(html.unescape(dd).split()))
        for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", keys, re.DOTALL)
    ]
    assert len(documented) >= 5
    assert listed == documented


@pytest.mark.parametrize("url", ["/present/strike/", "/present/strike/?notes=1", "/present/strike/handout/"])
def test_slideshows_and_handouts_extend_the_bare_page(client, tour, url):
    response = client.get(url)
    assert "bare.html" in [template.name for template in response.templates]
    page = response.content.decode()
    assert page.startswith("<!doctype html>")
    assert page.count("<head>") == 1
    assert '<meta name="viewport"' in page
    assert "<style" not in page
    # Scripts by address only (CSP); a script element without one holds data (JSON), not code.
    assert not re.search(r'<script(?![^>]*\b(src=|type="application/json"))', page)


def test_a_source_is_cited_in_the_same_words_on_every_page(client, tour):
    source = SourceFactory(
        slug="levy", publisher="People & Nature", author="Gabriel Levy", title="The Zhanaozen massacre",
        url="https://example.org/zhanaozen", published_on=datetime.date(2013, 12, 12),
    )  # fmt: skip
    event = Event.objects.get(slug="stop-2")
    Citation.objects.create(event=event, source=source, locator="A passage.")
    lines = {}
    for url in ["/events/stop-2/", "/events/stop-2/panel/", "/present/strike/", "/present/strike/handout/"]:
        page = client.get(url).content.decode()
        lines[url] = re.findall(r'<span class="citation-line">.*?</span>', page, re.DOTALL)
        assert any("People &amp; Nature" in line for line in lines[url]), url
    assert len({line for found in lines.values() for line in found if "People &amp; Nature" in line}) == 1
    line = next(line for line in lines["/present/strike/handout/"] if "Levy" in line)
    for part in ["People &amp; Nature", "Gabriel Levy", "The Zhanaozen massacre", "12 December 2013"]:
        assert part in line


@pytest.mark.parametrize(
    ("map_center", "message"),
    [
        ('{"type": "Point", "coordinates": [NaN, 43.3]}', "Coordinates must be finite numbers, not NaN or infinity"),
        ('{"type": "Point", "coordinates": ["a", "b"]}', "Coordinates must be numbers (longitude, latitude)"),
        ('{"type": "Point", "coordinates": [52.9, -95]}', "Latitude -95 is outside the range −90 to 90"),
    ],
)
def test_a_stop_map_centre_off_the_globe_is_refused_with_a_clear_message(editor_client, map_center, message):
    stop = {"event": EventFactory().pk, "order": "1", "map_center": map_center, "map_zoom": "9"}
    management = {"TOTAL_FORMS": "1", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
    data = {"title_en": "Off the map", "slug": "off-the-map", "summary_en": "", "status": "draft", "order": "0"}
    data.update({f"stops-{key}": value for key, value in management.items()})
    data.update({f"stops-0-{key}": value for key, value in stop.items()})
    response = editor_client.post("/admin/tours/tour/add/", data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Tour.objects.exists()


def test_a_long_selection_says_how_many_of_its_events_are_shown(client):
    place, category = PlaceFactory(), CategoryFactory()
    EventFactory.create_batch(MAX_SLIDES + 1, place=place, categories=[category], cited=False)
    page = client.get("/present/", {"from": "2011"}).content.decode()
    assert f"The selection has {MAX_SLIDES + 1} events; the first {MAX_SLIDES} are shown." in page
    assert page.count('class="slide"') == MAX_SLIDES
