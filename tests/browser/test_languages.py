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
