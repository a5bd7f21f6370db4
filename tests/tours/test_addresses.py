"""A tour carried whole in its address (``/present/?events=…``), its handout, its QR code, the opening
and closing slides of every slideshow, and the builder without JavaScript."""

import base64
import html
import re
import zlib
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from tests.factories import EventFactory, PlaceFactory, SourceFactory
from timeline.models import Citation, Event
from tours import address
from tours.address import AddressedTour, TourAddressError, decode_notes, encode_notes
from tours.models import Tour, TourStop
from tours.qr import qr_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    """Three published events at two places; the first two cite one source between them."""
    zhanaozen = PlaceFactory(slug="zhanaozen", name="Zhanaozen")
    aktau = PlaceFactory(slug="aktau", name="Aktau")
    made = [
        EventFactory(title="Strike begins", slug="strike-begins", start_date="2011-05-16", place=zhanaozen),
        EventFactory(title="Shooting", slug="shooting", start_date="2011-12-16", place=zhanaozen),
        EventFactory(title="Trial", slug="trial", start_date="2012-03-27", place=aktau),
    ]
    shared = SourceFactory(slug="shared", title="One shared report")
    for event in made[:2]:
        Citation.objects.create(event=event, source=shared, locator="p. 1")
    return made


def query(**parameters) -> str:
    return "&".join(f"{name}={value}" for name, value in parameters.items())


def slides_of(page: str) -> list[tuple[str, str]]:
    """(number, class) of each slide, in the page's order."""
    return re.findall(r'<li class="(slide[^"]*)" id="slide-(\d+)"', page)


def stop_slugs(page: str) -> list[str]:
    return re.findall(r'<li class="slide(?: initial)?" id="slide-\d+" data-number="\d+" data-slug="([^"]+)"', page)


# --- Reading the address ------------------------------------------------------------------------


def test_notes_in_any_script_come_back_as_they_were_written():
    notes = ["Скажите о 16 декабря.", "", "Жаңаөзен: мұнайшылар ереуілі 2011\nSecond line — “quoted”", ""]
    encoded = encode_notes(notes)
    assert re.fullmatch(r"[-_A-Za-z0-9]+", encoded)  # nothing to percent-encode
    assert decode_notes(encoded) == notes[:3]  # trailing empty notes are left out
    # Shorter than the notes percent-encoded, as a browser would otherwise write them.
    assert len(encoded) < len(quote("\x1e".join(notes)))


def test_an_address_is_read_in_its_order_with_its_title_and_notes():
    notes = encode_notes(["Ask the class first.", "", "Тихо."])
    tour = AddressedTour.from_query(QueryDict(query(events="c,a,b", title="My%20%D1%82%D1%83%D1%80", stopnotes=notes)))
    assert tour.slugs == ("c", "a", "b")
    assert tour.title == "My тур"
    assert tour.notes == ("Ask the class first.", "", "Тихо.")
    assert tour.parameters(notes=False) == [("events", "c,a,b"), ("title", "My тур")]


@pytest.mark.parametrize(
    ("parameters", "parameter", "message"),
    [
        ({"events": ""}, "events", "names no event"),
        ({"events": "a,<b>"}, "events", "holds “<b>”, which is not an event's slug."),
        ({"events": ",".join(f"e{n}" for n in range(address.MAX_STOPS + 1))}, "events", "names 41 events"),
        ({"events": "a,b,a"}, "events", "names “a” more than once"),
        ({"events": "a", "title": "x" * (address.MAX_TITLE + 1)}, "title", "is 121 characters long"),
        ({"events": "a", "title": "bell\x07"}, "title", "control characters"),
        ({"events": "a", "stopnotes": "not base64!"}, "stopnotes", "cannot be read"),
        ({"events": "a", "stopnotes": "AAAA"}, "stopnotes", "cannot be read"),
        ({"events": "a", "stopnotes": encode_notes(["one", "two"])}, "stopnotes", "for more stops than the 1 it"),
        ({"events": "a", "stopnotes": encode_notes(["x" * 601])}, "stopnotes", "a note has 600 at the most"),
        ({"events": "a", "stopnotes": "A" * 6001}, "stopnotes", "is longer than 6000 characters"),
    ],
)
def test_an_address_that_breaks_a_limit_says_which_and_why(parameters, parameter, message):
    data = QueryDict(mutable=True)
    for name, value in parameters.items():
        data[name] = value
    with pytest.raises(TourAddressError) as raised:
        AddressedTour.from_query(data)
    assert raised.value.parameter == parameter
    assert message in raised.value.message


def test_notes_that_inflate_past_their_limit_are_refused_not_unpacked():
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = packer.compress(b"a" * 1_000_000) + packer.flush()
    value = base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    assert len(value) < address.MAX_NOTES_PARAMETER
    with pytest.raises(TourAddressError, match="cannot be read"):
        decode_notes(value)


# --- The slideshow of an address ------------------------------------------------------------------


def test_an_address_presents_exactly_its_events_in_its_order_between_opening_and_closing(client, events):
    response = client.get(f"/present/?{query(events='trial,strike-begins,shooting', title='Our+lesson')}")
    assert response.status_code == 200
    page = response.content.decode()
    assert stop_slugs(page) == ["trial", "strike-begins", "shooting"]
    assert [(number, kind) for kind, number in slides_of(page)] == [
        ("1", "slide slide-opening initial"),  # the slide it opens at, shown before the script runs
        ("2", "slide"),
        ("3", "slide"),
        ("4", "slide"),
        ("5", "slide slide-closing"),
    ]
    assert 'Slide <span id="slide-number">1</span> of 5' in page
    assert '<h1 class="present-title">Our lesson</h1>' in page


def test_an_unpublished_or_unknown_event_is_named_and_left_out(client, events):
    Event.objects.filter(slug="shooting").update(status=Event.Status.DRAFT)
    response = client.get("/present/?events=trial,shooting,no-such-event,strike-begins")
    assert response.status_code == 200
    page = response.content.decode()
    assert stop_slugs(page) == ["trial", "strike-begins"]
    warning = re.search(r'id="missing-events">(.*?)</p>', page).group(1)
    assert "shooting, no-such-event" in warning
    assert "Shooting" not in page  # a draft's title never shows


def test_an_address_with_no_published_event_is_a_404_that_names_them(client, events):
    response = client.get("/present/?events=gone,also-gone")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "gone, also-gone" in page
    assert 'class="tour-list"' in page


def test_a_bad_address_is_a_400_naming_the_parameter(client, events):
    response = client.get("/present/?events=trial,trial")
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "This tour's address could not be read: “events” names “trial” more than once" in page


def test_the_notes_are_in_the_presenter_view_only(client, events):
    notes = encode_notes(["Start with the oil price.", "Ask who was there."])
    audience = client.get(f"/present/?events=strike-begins,shooting&stopnotes={notes}").content.decode()
    assert "Start with the oil price." not in audience
    presenter_href = html.unescape(re.search(r'href="([^"]*)" id="presenter-link"', audience).group(1))
    assert presenter_href == f"?events=strike-begins,shooting&stopnotes={notes}&notes=1"
    presenter = client.get(f"/present/{presenter_href}").content.decode()
    assert "Start with the oil price." in presenter
    assert "Ask who was there." in presenter
    # The audience window and the presenter's keep in step: one channel, whatever the notes.
    channel = re.compile(r'data-channel="([^"]*)"')
    assert channel.search(audience).group(1) == channel.search(presenter).group(1)


def test_each_address_is_its_own_page_in_the_cache(client, events):
    first = client.get("/present/?events=trial,shooting").content.decode()
    second = client.get("/present/?events=shooting,trial").content.decode()
    titled = client.get("/present/?events=trial,shooting&title=Other").content.decode()
    assert stop_slugs(first) == ["trial", "shooting"]
    assert stop_slugs(second) == ["shooting", "trial"]
    assert '<h1 class="present-title">Other</h1>' in titled


def test_an_address_works_in_every_language(client, events):
    for prefix in ["/ru", "/kk"]:
        response = client.get(f"{prefix}/present/?events=trial,shooting")
        assert response.status_code == 200
        assert stop_slugs(response.content.decode()) == ["trial", "shooting"]
        assert client.get(f"{prefix}/present/handout/?events=trial").status_code == 200


# --- Opening and closing slides -------------------------------------------------------------------


def test_the_opening_slide_gives_the_title_the_span_of_dates_and_the_places(client, events):
    page = client.get("/present/?events=trial,strike-begins,shooting&title=Strike+and+trial").content.decode()
    opening = re.search(r'<li class="slide slide-opening[^"]*".*?</li>', page, re.DOTALL).group(0)
    assert "Strike and trial" in opening
    # From the earliest event to the latest, whatever the order of the stops.
    assert re.search(r'datetime="2011-05-16">16 May 2011</time> – <time datetime="2012-03-27">27 March 2012', opening)
    assert "3 events" in opening
    assert "Zhanaozen (2), Aktau" in opening
    assert html.unescape(re.search(r'data-places="([^"]*)"', opening).group(1)).count("[") == 3  # two places


def test_the_opening_slides_dates_run_to_the_latest_end_as_one_span(client, events):
    """A stop that is itself a span (a strike from 11 December 2023, still going on 27 February 2024):
    the tour runs to its end, one date on each side of one dash (it read "16 May 2011 – 11 December
    2023 – 27 February 2024 or later")."""
    EventFactory(
        title="Strike at Zhetybai",
        slug="zhetybai-strike",
        start_date="2023-12-11",
        end_date="2024-02-27",
        end_qualifier="after",
        place=events[0].place,
    )
    page = client.get("/present/?events=strike-begins,zhetybai-strike,shooting").content.decode()
    opening = re.search(r'<li class="slide slide-opening[^"]*".*?</li>', page, re.DOTALL).group(0)
    dates = re.search(r'<p class="slide-date">(.*?)</p>', opening, re.DOTALL).group(1)
    assert re.sub(r"<[^>]+>", "", dates) == "16 May 2011 – 27 February 2024 or later"
    assert 'datetime="2024-02-27"' in dates


def test_a_saved_tour_opens_on_its_title_and_summary_and_closes_on_its_sources(client, events):
    tour = Tour.objects.create(title="The strike", slug="the-strike", summary="Seven months.", status="published")
    for order, event in enumerate(events, start=1):
        TourStop.objects.create(tour=tour, event=event, order=order)
    page = client.get("/present/the-strike/").content.decode()
    opening = re.search(r'<li class="slide slide-opening[^"]*".*?</li>', page, re.DOTALL).group(0)
    assert "The strike" in opening
    assert "Seven months." in opening
    closing = re.search(r'<li class="slide slide-closing[^"]*".*?</ol>', page, re.DOTALL).group(0)
    assert 'id="slide-5"' in closing
    # Every source once: the shared one is cited by two of the stops.
    assert closing.count("One shared report") == 1
    assert closing.count('class="citation-line"') == Citation.objects.values("source").distinct().count()
    assert re.search(r'<svg[^>]*class="segno"', closing)
    assert qr_svg("http://testserver/present/the-strike/", title="The strike") in closing
    assert '<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>' in closing
    assert re.search(r'Made with <a href="/">Zhanaozen</a>', closing)


def test_the_closing_slide_of_an_address_leads_to_it_without_the_notes(client, events):
    notes = encode_notes(["Private."])
    page = client.get(f"/present/?events=trial&title=T&stopnotes={notes}&notes=1").content.decode()
    closing = re.search(r'<li class="slide slide-closing[^"]*".*?</ol>', page, re.DOTALL).group(0)
    assert qr_svg("http://testserver/present/?events=trial&title=T", title="T") in closing
    assert 'href="/present/?events=trial&amp;title=T"' in closing
    assert notes not in closing


# --- The handout of an address --------------------------------------------------------------------


def test_the_handout_of_an_address_has_its_stops_in_order_without_the_notes(client, events):
    notes = encode_notes(["Private note."])
    response = client.get(f"/present/handout/?events=shooting,trial&title=Handout+test&stopnotes={notes}&notes=1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "tours/handout.html" in [template.name for template in response.templates]
    assert "<h1>Handout test</h1>" in page
    assert page.index("Shooting") < page.index("Trial")
    assert re.findall(r'<span class="stop-number">(\d+)</span>', page) == ["1", "2"]
    assert len(re.findall(r'<svg[^>]*class="segno"', page)) == 2
    assert "Private note." not in page
    assert 'href="/present/?events=shooting,trial&amp;title=Handout+test"' in page  # back to its slideshow


def test_the_handout_without_events_says_so(client, events):
    response = client.get("/present/handout/")
    assert response.status_code == 400
    assert "“events” names no event" in html.unescape(response.content.decode())


def test_the_qr_code_of_an_address_is_an_svg_of_its_audience_address(client, events):
    response = client.get(f"/present/qr.svg?events=trial&stopnotes={encode_notes(['x'])}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg == qr_svg("http://testserver/present/?events=trial", title="A tour of your own", document=True)
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg  # an image of its own
    assert client.get("/present/qr.svg?events=a,a").status_code == 400


# --- The builder, without JavaScript --------------------------------------------------------------


def builder_state(page: str) -> list[tuple[str, str]]:
    stops = re.findall(
        r'<input type="hidden" name="stop" value="([^"]+)">.*?<textarea[^>]*>(.*?)</textarea>', page, re.DOTALL
    )
    return [(slug, html.unescape(note)) for slug, note in stops]


def test_the_builder_opens_with_the_events_of_an_address(client, events):
    notes = encode_notes(["Первая заметка", "", ""])
    page = client.get(
        f"/present/build/?events=trial,shooting,strike-begins&title=Mine&stopnotes={notes}"
    ).content.decode()
    assert builder_state(page) == [("trial", "Первая заметка"), ("shooting", ""), ("strike-begins", "")]
    assert 'value="Mine"' in page


def test_the_builder_opens_with_the_explorers_selection(client, events):
    page = client.get("/present/build/?to=2011").content.decode()
    assert [slug for slug, _note in builder_state(page)] == ["strike-begins", "shooting"]


def test_the_selection_slideshow_leads_to_the_builder(client, events):
    page = client.get("/present/?to=2011").content.decode()
    assert 'href="/present/build/?to=2011" id="builder-link"' in page


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        ({"up": "1"}, ["shooting", "trial", "strike-begins"]),
        ({"down": "0"}, ["shooting", "trial", "strike-begins"]),
        ({"remove": "1"}, ["trial", "strike-begins"]),
        ({"add": "no-such"}, ["trial", "shooting", "strike-begins"]),
        ({"up": "0"}, ["trial", "shooting", "strike-begins"]),
    ],
)
def test_the_builders_buttons_change_the_tour_and_its_address(client, events, button, expected):
    data = [("built", "1"), ("title", "Mine"), ("stop", "trial"), ("note", "n1"), ("stop", "shooting"), ("note", "")]
    data += [("stop", "strike-begins"), ("note", "n3"), *button.items()]
    page = client.get("/present/build/?" + "&".join(f"{name}={value}" for name, value in data)).content.decode()
    state = builder_state(page)
    assert [slug for slug, _note in state] == expected
    notes = {"trial": "n1", "shooting": "", "strike-begins": "n3"}
    assert state == [(slug, notes[slug]) for slug in expected]  # each note stays with its stop
    link = html.unescape(re.search(r'id="open-slideshow" href="([^"]*)"', page).group(1))
    assert link.startswith(f"/present/?events={','.join(expected)}&title=Mine&stopnotes=")
    read = AddressedTour.from_query(QueryDict(urlsplit(link).query))
    assert list(read.notes) == [notes[slug] for slug in expected]
    full = re.search(r'id="tour-address" readonly value="([^"]*)"', page).group(1)
    assert html.unescape(full) == f"http://testserver{link}"
    qr = html.unescape(re.search(r'id="tour-qr" src="([^"]*)"', page).group(1))
    assert "stopnotes" not in parse_qs(urlsplit(qr).query)


def test_the_builder_finds_and_adds_events(client, events):
    page = client.get("/present/build/?built=1&stop=trial&note=&q=shooting").content.decode()
    assert re.search(r'name="add" value="shooting"', page)
    page = client.get("/present/build/?built=1&stop=trial&note=&add=shooting").content.decode()
    assert [slug for slug, _note in builder_state(page)] == ["trial", "shooting"]


def test_the_builder_says_when_a_tour_is_full(client, events):
    many = [EventFactory(slug=f"many-{n}", cited=False) for n in range(address.MAX_STOPS)]
    stops = "&".join(f"stop={event.slug}&note=" for event in many)
    page = html.unescape(client.get(f"/present/build/?built=1&{stops}&add=trial").content.decode())
    assert "cannot take more events: a tour has 40 at the most." in page
    assert len(builder_state(page)) == address.MAX_STOPS


@pytest.mark.parametrize("slug", ["build", "handout"])
def test_a_tour_cannot_take_the_address_of_another_page(slug):
    with pytest.raises(ValidationError) as raised:
        Tour(title="T", slug=slug).full_clean()
    assert "is the address of another page" in str(raised.value)
