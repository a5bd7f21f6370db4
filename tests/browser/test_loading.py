"""How the explorer loads: nothing moves when its scripts draw the map and the timeline (they hold
their place from the first paint), and the first paint does not wait for them."""

from urllib.parse import urlsplit

import pytest

from tests.browser.test_explorer import explorer_module
from timeline.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def test_the_explorer_does_not_move_when_its_scripts_run_on_a_wide_screen(explorer, page):
    page.add_init_script(SHIFTS)
    explorer()
    page.wait_for_timeout(300)
    assert page.evaluate("window.layoutShift") < 0.05


def test_the_map_and_the_timeline_hold_their_place_before_the_scripts_run(page, live_server, content):
    page.route("**/timeline/explorer*.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/")
    assert page.locator("#map-pane").bounding_box()["height"] > 200
    assert page.locator("#timeline").is_visible()
    assert not page.locator(".apply-button").is_visible()  # the filters will apply as they change
    # The list by year, for browsers without scripts, is in the HTML, in a <noscript>: where scripts
    # run, none of its elements is made (the virtual list takes its place), let alone laid out.
    paged = page.evaluate(
        """() => [...document.querySelectorAll('noscript')].map((n) => n.textContent)
             .filter((text) => text.includes('id="list-pages"'))
             .map((text) => (text.match(/class="event-item/g) || []).length)"""
    )
    assert len(paged) == 1
    assert paged[0] > 10
    assert page.locator(".list-page, .list-page .event-item").count() == 0


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_filters_come_folded_and_nothing_moves(explorer, page):
    """The fold is decided in the page (folded unless a filter is in use), not by the scripts after the
    first paint, which moved everything below it on a phone."""
    page.add_init_script(SHIFTS)
    page.set_viewport_size(PHONE)
    explorer()
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('more-filters').open") is False
    assert not page.locator("#filter-place").is_visible()
    assert page.evaluate("window.layoutShift") < 0.05
    explorer("?category=strike")  # a filter in use: shown
    assert page.evaluate("document.getElementById('more-filters').open") is True


def test_on_a_wide_screen_the_filters_show_though_the_page_folds_them(explorer, page):
    explorer()  # 1366×900: wide, and tall enough
    assert page.locator("#filter-place").is_visible()
    assert not page.locator("#more-filters > summary").is_visible()


LAPTOP = {"width": 1366, "height": 768}


def test_on_a_laptop_the_filters_come_folded_and_the_map_timeline_and_list_show(explorer, page):
    """A laptop's window (1366×768) is less than 800 px tall: there the filters come folded, as on a
    phone, and the map, the timeline and the list's first rows are on the screen. Shown, the filters
    took a third of its height: the map began at 413 px, the list below the screen's edge."""
    page.add_init_script(SHIFTS)
    page.set_viewport_size(LAPTOP)
    explorer()
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('more-filters').open") is False
    assert page.locator("#more-filters > summary").is_visible()
    assert not page.locator("#filter-place").is_visible()
    assert page.locator("#filter-q").is_visible()  # the search stays
    assert page.evaluate("window.layoutShift") < 0.05
    assert page.locator("#map").bounding_box()["y"] < 300
    assert page.locator("#timeline").bounding_box()["y"] < 300
    first_row = page.locator("#virtual-list > li").first.bounding_box()
    assert first_row["y"] + first_row["height"] <= LAPTOP["height"]
    # Its summary opens them; a filter in use comes with them open.
    page.click("#more-filters > summary")
    assert page.locator("#filter-place").is_visible()
    explorer("?category=strike")
    assert page.evaluate("document.getElementById('more-filters').open") is True
    assert page.locator("#filter-place").is_visible()


# In the order the page made them: the explorer ready (data-ready), the map's first tile asked for
# (an image given a tile's address); and at ready, what the toolbar says and how tall the list's pane is.
ORDER = """
window.order = [];
const source = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
Object.defineProperty(HTMLImageElement.prototype, "src", {
  ...source,
  set(value) {
    if (String(value).includes("tile.openstreetmap.org") && !window.order.includes("tile")) window.order.push("tile");
    source.set.call(this, value);
  },
});
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "attributes" && record.target.id === "explorer" && record.target.dataset.ready === "true") {
      window.order.push("ready");
      window.atReady = {
        range: document.getElementById("timeline-range").textContent,
        pane: document.getElementById("event-list-pane").getBoundingClientRect().height,
      };
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""


def test_the_map_asks_for_its_tiles_once_the_first_view_is_drawn(explorer, page):
    """Making the tiles' images and requests (and, offline, their failures) cost the first view
    some 40 ms of a profiled load with 1 000 events: they come after it; the outline shows first."""
    page.add_init_script(ORDER)
    explorer()
    page.wait_for_function("() => window.order.includes('tile')")
    assert page.evaluate("window.order") == ["ready", "tile"]


def test_the_period_in_view_is_said_before_the_first_view_is_drawn(explorer, page):
    """Said with the timeline's first drawing, the period's label wrapped the toolbar to a second line
    after the list below had been laid out for its height: laid out again, in the first frame."""
    page.add_init_script(ORDER)
    explorer()
    page.wait_for_timeout(300)
    at_ready = page.evaluate("window.atReady")
    assert at_ready["range"] == "1 May 2011 – 31 December 2011"
    assert at_ready["pane"] == page.locator("#event-list-pane").bounding_box()["height"]


# Whether the explorer was ready when the document ended (DOMContentLoaded), and what it asked for.
AT_DOCUMENT_END = """
document.addEventListener("DOMContentLoaded", () => {
  window.readyAtDocumentEnd = document.getElementById("explorer")?.dataset.ready === "true";
});
"""


def requested_paths(page):
    return [urlsplit(request.url).path for request in page.requests]


@pytest.fixture
def recorded(page):
    page.requests = []
    page.on("request", lambda request: page.requests.append(request))
    page.add_init_script(AT_DOCUMENT_END)
    return page


def test_with_few_events_the_first_view_is_built_before_the_document_ends(explorer, recorded):
    """The events in the page: built at once, not after an ``await`` that let the document's end (its
    style and layout, ``load``, a frame) come first: with 1 000 events, painted 23–125 ms sooner."""
    explorer()
    assert recorded.evaluate("window.readyAtDocumentEnd") is True
    assert "/explorer/events.json" not in requested_paths(recorded)
    assert explorer_module(recorded, "explorer.shown.length") == Event.objects.published().count()


def test_with_more_events_the_explorer_fetches_them_and_shows_the_same(explorer, recorded, settings):
    settings.EXPLORER_INLINE_EVENTS = Event.objects.published().count() - 1
    explorer()
    assert requested_paths(recorded).count("/explorer/events.json") == 1  # the preload, used
    assert recorded.evaluate("window.readyAtDocumentEnd") is False
    assert explorer_module(recorded, "explorer.shown.length") == Event.objects.published().count()
