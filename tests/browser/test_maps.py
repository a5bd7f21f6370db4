"""The maps and the timeline's zoom in Chromium: place names stay text on every map, markers answer
the keyboard like a click, "+" zooms in on what matters, and a ticked category chip is readable."""

import re

import pytest

from tests.browser.test_explorer import shown_slugs
from tests.factories import EventFactory, PlaceFactory
from timeline.models import Category, Event
from tours.models import Tour, TourStop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MASSACRE = "2011-12-16-zhanaozen-shooting"
# Were it read as markup, it would send the visitor elsewhere, run a script and embolden a word.
HOSTILE = '<meta http-equiv="refresh" content="0;url=/sources/"><img src=x onerror="window.__pwned=1"><b>bold</b>'

INJECTED = "() => document.querySelectorAll('img[src=\"x\"], .leaflet-container b, meta[http-equiv]').length"


def next_frame(page):
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def assert_nothing_injected(page, url):
    page.wait_for_timeout(300)  # time for an image to fail and a refresh to happen
    assert page.url == url, "a <meta> in a place's name sent the visitor elsewhere"
    assert page.evaluate(INJECTED) == 0
    assert page.evaluate("() => window.__pwned") is None


@pytest.fixture
def hostile_place(transactional_db):
    place = PlaceFactory(name=HOSTILE, slug="hostile")
    event = EventFactory(place=place, slug="at-the-hostile-place")
    tour = Tour.objects.create(title="A tour", slug="a-tour", status="published")
    TourStop.objects.create(tour=tour, event=event, order=1)
    return place


@pytest.mark.parametrize("path", ["/events/at-the-hostile-place/", "/places/hostile/"])
def test_a_place_name_is_text_in_the_tooltip_of_a_mini_map(page, live_server, hostile_place, path):
    url = f"{live_server.url}{path}"
    page.goto(url)
    page.locator(".mini-map path.leaflet-interactive").hover()
    assert_nothing_injected(page, url)
    assert page.locator(".mini-map .leaflet-tooltip").text_content() == HOSTILE


def test_a_place_name_is_text_in_the_tooltip_of_the_explorers_map(page, live_server, hostile_place):
    url = f"{live_server.url}/"
    page.goto(url)
    page.wait_for_selector("#explorer[data-ready=true]")
    marker = page.locator(".place-marker")
    assert marker.get_attribute("aria-label") == HOSTILE
    marker.hover()
    assert_nothing_injected(page, url)
    assert HOSTILE in page.locator("#map .leaflet-tooltip").text_content()


def test_a_place_name_is_text_on_the_slideshow_and_its_map(page, live_server, hostile_place):
    url = f"{live_server.url}/present/a-tour/#1"
    page.goto(url)
    page.wait_for_selector("#presentation[data-ready=true]")
    page.locator("#present-map path.leaflet-interactive").hover()
    assert_nothing_injected(page, url)
    assert page.locator(".slide:not([hidden]) .slide-place").text_content() == HOSTILE


# --- Markers and the keyboard -------------------------------------------------------------------


def test_enter_and_space_on_a_focused_marker_do_what_a_click_does(explorer):
    page = explorer()
    marker = page.locator(".place-marker[aria-label='Shetpe']")
    expected = Event.objects.published().filter(place__slug="shetpe").count()
    assert marker.get_attribute("role") == "button"
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]place=shetpe"))
    assert len(shown_slugs(page)) == expected
    assert page.locator("#filter-place").input_value() == "shetpe"
    # A second click on the place lifts the filter; so does Space, and Space again sets it.
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Shetpe"
    page.keyboard.press(" ")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('place')")
    assert len(shown_slugs(page)) == Event.objects.published().count()
    page.keyboard.press(" ")
    page.wait_for_url(re.compile(r"[?&]place=shetpe"))
    assert len(shown_slugs(page)) == expected


MARKERS_IN_SIGHT = """() => {
  const map = document.getElementById("map").getBoundingClientRect();
  return [...document.querySelectorAll("#map .place-marker")].map((marker) => {
    const box = marker.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inside = x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
    return [marker.getAttribute("aria-label"), inside, marker.tabIndex];
  });
}"""


LAYOUT_SETTLED = """() => {
  const map = document.getElementById("map");
  const layout = JSON.stringify([
    map.querySelector(".leaflet-map-pane").style.transform,
    [...map.querySelectorAll(".place-marker")].map((marker) => marker.style.transform),
  ]);
  const settled = layout === window.layoutBefore && !map.querySelector(".leaflet-zoom-anim");
  window.layoutBefore = layout;
  return settled;
}"""


def settle(page):
    """Wait until the map has stopped moving: the same layout twice, a fifth of a second apart."""
    page.evaluate("() => (window.layoutBefore = null)")
    page.wait_for_function(LAYOUT_SETTLED, polling=200)


def assert_only_markers_in_sight_take_focus(page):
    markers = page.evaluate(MARKERS_IN_SIGHT)
    assert markers
    for name, inside, tabindex in markers:
        assert tabindex == (0 if inside else -1), (name, inside, tabindex)
    return {name for name, inside, _ in markers if inside}


def test_markers_outside_the_map_are_out_of_the_tab_order_until_they_come_into_sight(explorer):
    page = explorer()
    settle(page)
    at_first = assert_only_markers_in_sight_take_focus(page)
    for _ in range(2):
        page.click("#map .leaflet-control-zoom-in")
        settle(page)
    zoomed_in = assert_only_markers_in_sight_take_focus(page)
    assert zoomed_in
    assert zoomed_in < at_first
    for _ in range(4):
        page.click("#map .leaflet-control-zoom-out")
        settle(page)
    zoomed_out = assert_only_markers_in_sight_take_focus(page)
    assert zoomed_out > at_first


# --- The timeline's "+" -------------------------------------------------------------------------

MARK_POSITION = """(slug) => {
  const mark = document.querySelector(`.timeline-svg .mark[data-slug="${slug}"]`);
  const width = Number(mark.ownerSVGElement.getAttribute("width"));
  if (mark.getAttribute("display") === "none") return null;
  const x = Number(mark.getAttribute(mark.tagName === "circle" ? "cx" : "x"));
  return x / width;
}"""


def position(page, slug):
    """Where the event's mark is across the timeline: 0 its left edge, 1 its right; None if not drawn."""
    return page.evaluate(MARK_POSITION, slug)


def test_zooming_in_keeps_the_selected_event_in_the_middle(explorer):
    page = explorer(f"?event={MASSACRE}")
    page.locator("#timeline-canvas").focus()
    for press in range(4):
        if press % 2:
            page.keyboard.press("+")
        else:
            page.click("[data-zoom=in]")
        next_frame(page)
        where = position(page, MASSACRE)
        assert where is not None, press
        assert 0.4 <= where <= 0.6, (press, where)


def test_zooming_in_with_nothing_selected_keeps_the_busiest_period_in_view(explorer):
    busiest = Event.objects.published().filter(start_date__range=("2011-05-01", "2011-12-31"))
    slugs = list(busiest.values_list("slug", flat=True))
    # The real content's busiest stretch: most of the events fall in these eight months.
    assert len(slugs) > Event.objects.published().count() / 3
    page = explorer()
    page.locator("#timeline-canvas").focus()
    for press in range(4):  # from sixteen years to one
        if press % 2:
            page.keyboard.press("+")
        else:
            page.click("[data-zoom=in]")
        next_frame(page)
        outside = {slug: position(page, slug) for slug in slugs}
        outside = {slug: where for slug, where in outside.items() if where is None or not 0 <= where <= 1}
        assert outside == {}, (press, page.locator("#timeline-range").inner_text())


# --- Category chips -----------------------------------------------------------------------------

CHIP_COLOURS = """() => [...document.querySelectorAll(".chip[data-category]")].map((chip) => {
  let element = chip;
  let background = getComputedStyle(element).backgroundColor;
  // A transparent chip shows what is behind it.
  while (/rgba\\(.*, 0\\)$/.test(background) && element.parentElement) {
    element = element.parentElement;
    background = getComputedStyle(element).backgroundColor;
  }
  return {
    category: chip.dataset.category,
    checked: chip.querySelector("input").checked,
    text: getComputedStyle(chip.querySelector(".chip-name")).color,
    background,
  };
})"""


def rgb(css):
    return tuple(int(part) for part in re.findall(r"[\d.]+", css)[:3])


def luminance(colour):
    channels = [value / 255 for value in colour]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    lighter, darker = sorted([luminance(a), luminance(b)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_a_ticked_category_chip_is_in_its_colour_and_readable(explorer):
    page = explorer()
    for chip in page.locator(".chip[data-category]").all():
        chip.click()
    colours = {category.slug: category.color for category in Category.objects.all()}
    chips = page.evaluate(CHIP_COLOURS)
    assert chips
    assert all(chip["checked"] for chip in chips)
    for chip in chips:
        wanted = colours[chip["category"]]
        assert rgb(chip["background"]) == tuple(int(wanted[i : i + 2], 16) for i in (1, 3, 5)), chip
        assert contrast(rgb(chip["text"]), rgb(chip["background"])) >= 4.5, chip
