"""The language switcher in Chromium: the other language's copy of the same view, filters, selected
event and slide included, in the words and dates of that language."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

MASSACRE = "2011-12-16-zhanaozen-shooting"
TOUR = "the-2011-strike-and-the-massacre"


def test_switching_language_keeps_the_filters_and_the_selected_event(explorer):
    page = explorer("?category=violence&from=2011")
    page.click(f"#event-{MASSACRE} h3 a")
    page.wait_for_url(re.compile(r"event="))
    page.click(".languages a[data-language=kk]")
    page.wait_for_selector("#explorer[data-ready=true]")
    address = urlsplit(page.url)
    assert address.path == "/kk/"
    assert dict(parse_qsl(address.query)) == {"category": "violence", "from": "2011", "event": MASSACRE}
    assert page.locator("html").get_attribute("lang") == "kk"
    page.wait_for_selector("#details-content .event-panel")
    assert page.locator("#details-content .event-date").inner_text() == "2011 жылғы 16 желтоқсан"
    assert page.locator("#filter-from-note").inner_text() == "бастап: 2011 жыл"
    assert page.console_errors == []


def test_switching_language_keeps_the_slide(page, live_server, content):
    page.goto(f"{live_server.url}/present/{TOUR}/#3")
    page.wait_for_selector("#presentation[data-ready=true]")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"#4$"))
    page.click(".languages a[data-language=ru]")
    page.wait_for_url(re.compile(rf"/ru/present/{TOUR}/#4$"))
    page.wait_for_selector("#presentation[data-ready=true]")
    assert page.locator(".slide:not([hidden])").get_attribute("data-number") == "4"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.console_errors == []


@pytest.mark.parametrize("width", [360, 320])
@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
@pytest.mark.parametrize("path", ["", "sources/", f"events/{MASSACRE}/", "places/zhanaozen/", "present/", "demands/"])
def test_on_a_phone_the_sites_links_all_fit_on_the_screen(page, live_server, content, language, path, width):
    """The header's links (Kazakh's are the longest) wrap onto another line rather than run off the
    screen's edge, and nothing makes the page wider than a small phone (a long address in a note; at
    320 px, the event page's column made as wide as its widest content)."""
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{live_server.url}/{language}{path}")
    links = page.locator(".site-header nav a, .site-header .languages a")
    assert links.count() >= 6
    for index in range(links.count()):
        box, text = links.nth(index).bounding_box(), links.nth(index).inner_text()
        assert box["x"] >= 0, text
        assert box["x"] + box["width"] <= width, text
    assert page.evaluate("document.documentElement.scrollWidth") <= width


ZOOM = {"": ("Zoom in", "Zoom out"), "ru/": ("Увеличить", "Уменьшить"), "kk/": ("Үлкейту", "Кішірейту")}


@pytest.mark.parametrize(
    ("prefix", "path", "map_selector"),
    [
        ("", "", "#map"),
        ("ru/", "", "#map"),
        ("kk/", "", "#map"),
        # The small maps of an event's and a place's pages.
        ("ru/", "events/2011-12-16-zhanaozen-shooting/", ".mini-map"),
        ("kk/", "places/zhanaozen/", ".mini-map"),
    ],
)
def test_the_maps_zoom_buttons_speak_the_pages_language(page, live_server, content, prefix, path, map_selector):
    page.goto(f"{live_server.url}/{prefix}{path}")
    page.wait_for_selector(f"{map_selector} .leaflet-control-zoom-in")
    for button, name in zip(("zoom-in", "zoom-out"), ZOOM[prefix], strict=True):
        button = page.locator(f"{map_selector} .leaflet-control-{button}")
        assert (button.get_attribute("title"), button.get_attribute("aria-label")) == (name, name)


BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('.accounts table'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/[^\\s\\u2014\\u2013-]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
def test_on_a_phone_where_sources_disagree_no_word_is_cut_in_two(page, live_server, content, language, width):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{live_server.url}/{language}events/{MASSACRE}/")
    assert page.locator(".accounts table").count()
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


WHOLE = """(box) => box.scrollHeight <= box.clientHeight + 1"""


@pytest.mark.parametrize(("prefix", "width"), [("", 1366), ("kk/", 390), ("ru/", 390)])
def test_the_boxes_to_copy_show_their_whole_text(page, live_server, content, prefix, width):
    """ "Cite this event" and "Share": the text to copy shows whole, not cut after three lines (on a phone
    the citation needs up to twelve; in Kazakh, the longest)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/{prefix}events/2011-12-16-zhanaozen-shooting/")
    for box in ("#cite-text", "#embed-code"):
        assert page.locator(box).evaluate(WHOLE), box
    page.goto(f"{live_server.url}/{prefix}places/zhanaozen/")
    assert page.locator("#embed-code").evaluate(WHOLE)


def test_a_place_pages_events_have_the_reading_width_beside_the_map(page, live_server, content):
    """On a laptop the place's events take the page's reading width (44rem) with the map beside them;
    they were squeezed into a 248 px column, the whole page held to the width of its text."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/ru/places/zhanaozen/")
    events = page.locator(".place .event-list").bounding_box()
    mini_map = page.locator(".place .mini-map").bounding_box()
    assert events["width"] >= 600
    assert mini_map["x"] >= events["x"] + events["width"]  # beside it, not below


@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
def test_on_a_phone_the_header_links_are_24_px_targets(page, live_server, content, language):
    """WCAG 2.5.8: the sections' and the languages' links are at least 24 px tall (they were 16–19)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}events/{MASSACRE}/")
    links = page.locator(".site-header nav a")
    assert links.count() >= 7
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["height"] >= 24, links.nth(index).inner_text()


def _top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
def test_on_a_phone_an_events_and_a_places_map_come_before_citing_and_sharing(page, live_server, content, language):
    """One column: the event, its map and its neighbours, then "Cite this event" and "Share"; a place,
    its map, then its events. The map came after the boxes to copy, or after a place's every event."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}events/{MASSACRE}/")
    assert _top(page, ".event-page-main .event-title") < _top(page, ".mini-map") < _top(page, ".prev-next")
    assert _top(page, ".prev-next") < _top(page, "#cite-title") < _top(page, "#embed-code")
    page.goto(f"{live_server.url}/{language}places/zhanaozen/")
    assert _top(page, ".place h1") < _top(page, ".mini-map") < _top(page, ".place .event-list")
    # On a laptop, the map stays beside the text, at its top, and the boxes below the event.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/{language}events/{MASSACRE}/")
    assert page.locator(".mini-map").bounding_box()["x"] > page.locator(".event-page-main").bounding_box()["x"] + 400
    assert _top(page, ".mini-map") < _top(page, ".event-page-main .event-panel") + 100
    assert _top(page, "#cite-title") > _top(page, ".event-page-main .last-changed")


@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
def test_on_a_phone_the_front_doors_tours_are_named_whole(explorer, language):
    """Each way in is a line or two, its whole title read: cut short with an ellipsis, the Russian and
    Kazakh tours' titles named neither tour ("…забаст…")."""
    page = explorer(language, viewport={"width": 360, "height": 740})
    ways = page.locator(".front-door-ways a")
    assert ways.count() == 3
    for index in range(ways.count()):
        whole = ways.nth(index).evaluate("(link) => link.scrollWidth <= link.clientWidth + 1")
        assert whole, ways.nth(index).inner_text()
        assert ways.nth(index).bounding_box()["height"] >= 24


def test_where_sources_disagree_a_summary_is_set_upright_and_a_quotation_in_italics(page, live_server, content):
    """The team's summary of a source is its own words, not the source's: not in a quotation's italics."""
    page.goto(f"{live_server.url}/ru/events/{MASSACRE}/")
    style = "(cell) => getComputedStyle(cell).fontStyle"
    assert page.locator(".accounts-passage.passage-summary").first.evaluate(style) == "normal"
    assert page.locator(".accounts-passage:not(.passage-summary)").first.evaluate(style) == "italic"
