"""The explorer in Chromium: selecting, stepping, filtering, the URL, the phone layout, offline."""

import contextlib
import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import address, wait_for_outline
from timeline.models import CHRONOLOGY, Event

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

MASSACRE = "2011-12-16-zhanaozen-shooting"
# The timeline draws on a canvas; its container holds the Timeline object, to read its state.
TIMELINE = "document.getElementById('timeline-canvas').timeline"


def time(iso):
    """A day as the timeline counts it: milliseconds since 1970, at midnight UTC."""
    return int(datetime.datetime.fromisoformat(f"{iso}T00:00:00+00:00").timestamp() * 1000)


def query(page):
    """The page's query string (``address``: as the page has it)."""
    return {key: values[0] for key, values in parse_qs(urlsplit(address(page)).query).items()}


def ordered_slugs(**filters):
    """The published events' slugs (those matching ``filters``) in the explorer's order."""
    events = Event.objects.published().filter(**filters).distinct()
    return list(events.order_by(*CHRONOLOGY).values_list("slug", flat=True))


def explorer_module(page, code):
    """``code`` evaluated with ``explorer``, the explorer's module (the same instance as the page's)."""
    return page.evaluate(
        "async () => { const explorer = await import("
        "document.querySelector('script[type=module][src*=explorer]').src); return " + code + "; }"
    )


def shown_slugs(page):
    """The slugs of the events the filters show, in the list's order (the list is virtual: only the
    rows in view are in the page), once a search has had the server's answer."""
    page.wait_for_selector("#event-list-pane:not([aria-busy])")
    return explorer_module(page, "explorer.shown.map((event) => event.slug)")


def listed_slugs(page):
    """The slugs of the events the list holds (those shown, in the period in view on the timeline)."""
    return explorer_module(page, "explorer.listed.map((event) => event.slug)")


def show_all(page):
    """Widen the timeline to all that the filters show ("Show all"), so that the list holds it all: the
    explorer opens on May–December 2011, and the list on the events of the period in view."""
    if page.locator("#show-all-events").count():
        page.click("#show-all-events")
    page.wait_for_function(
        "() => !document.getElementById('show-all-events')"
        " && !document.getElementById('event-list-pane').hasAttribute('aria-busy')"
    )


def reveal(page, slug):
    """Scroll the virtual list to ``slug``'s row, so that it is in the page (widening the period in
    view if the row is outside it)."""
    if not explorer_module(page, f"explorer.listed.some((e) => e.slug === {slug!r})"):
        show_all(page)
    explorer_module(page, f"explorer.virtualList.scrollToIndex(explorer.listed.findIndex((e) => e.slug === {slug!r}))")
    page.wait_for_selector(f"#event-{slug}")


def assert_selected(page, slug):
    # The address changes in the same task as the click or the key, but allow for a slow machine; if
    # it never does, the assertion below says what the address holds instead.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "(slug) => new URLSearchParams(location.search).get('event') === slug", arg=slug, timeout=5000
        )
    assert query(page).get("event") == slug
    event = Event.objects.get(slug=slug)
    page.wait_for_selector("#details-content .event-panel")
    assert page.locator("#details-content .event-title").inner_text() == event.title
    page.wait_for_selector(f"#event-{slug}[aria-current=true]")
    assert page.evaluate(f"{TIMELINE}.selected") == slug
    if event.place:
        assert page.locator(".place-marker.selected").inner_text() != ""


def test_selecting_an_event_in_the_list_selects_it_everywhere(explorer):
    page = explorer()
    reveal(page, MASSACRE)
    page.click(f"#event-{MASSACRE} h3 a")
    assert_selected(page, MASSACRE)
    assert "Reuters" in page.locator("#details-content").inner_text()
    assert page.outside_requests == [] or all("openstreetmap" in url for url in page.outside_requests)
    assert page.console_errors == []


def around_the_massacre(page):
    """Show the days around 16 December 2011, where its events (more than the rows) stand side by
    side: in the opening period's December they are one bin with their count."""
    page.evaluate(f"{TIMELINE}.setRange(Date.UTC(2011, 11, 14), Date.UTC(2011, 11, 19))")


def mark_position(page, slug, kind="mark"):
    """Where the event is drawn, in the page's coordinates, once it is drawn as ``kind`` (its own
    mark, or a bin holding it)."""
    page.wait_for_function(
        f"([slug, kind]) => {TIMELINE}.positionOf(slug)?.kind === kind", arg=[slug, kind], timeout=5000
    )
    return page.evaluate(f"(slug) => {TIMELINE}.positionOf(slug)", slug)


def test_selecting_an_event_on_the_timeline(explorer):
    page = explorer()
    around_the_massacre(page)
    mark = mark_position(page, MASSACRE)
    page.mouse.move(mark["cx"], mark["cy"])
    assert page.locator("#tooltip").is_visible()
    assert "Police fire on the crowd" in page.locator("#tooltip").inner_text()
    page.mouse.click(mark["cx"], mark["cy"])
    assert_selected(page, MASSACRE)


def test_selecting_a_place_on_the_map_filters_to_it(explorer):
    page = explorer()
    marker = page.locator(".place-marker[aria-label='Shetpe']")
    expected = Event.objects.published().filter(place__slug="shetpe").count()
    assert marker.inner_text() == str(expected)
    marker.click()
    page.wait_for_url(re.compile(r"[?&]place=shetpe"))
    place = query(page)["place"]
    assert len(shown_slugs(page)) == expected
    assert f"{expected} of" in page.locator("#result-count").inner_text()
    assert page.locator("#filter-place").input_value() == place


def test_keys_step_through_events_in_order_and_escape_closes(explorer):
    slugs = ordered_slugs()
    page = explorer(f"?event={slugs[0]}")
    assert_selected(page, slugs[0])
    page.keyboard.press("ArrowRight")
    assert_selected(page, slugs[1])
    page.keyboard.press("j")
    assert_selected(page, slugs[2])
    page.keyboard.press("k")
    page.keyboard.press("ArrowLeft")
    assert_selected(page, slugs[0])
    page.keyboard.press("Escape")
    assert "event" not in query(page)
    assert page.locator("#details").is_hidden()
    assert page.locator(f"#event-{slugs[0]} h3 a").evaluate("link => link === document.activeElement")


@pytest.mark.parametrize(("key", "row"), [("ArrowRight", 0), ("ArrowLeft", -1)])
def test_with_nothing_chosen_the_keys_start_in_the_period_in_view(explorer, key, row):
    """The explorer opens on May–December 2011: → chooses the first event of that period (← the last),
    not the first of all, in 2008, which would take the timeline away from it."""
    page = explorer()
    before = page.evaluate(f"() => ({{ ...{TIMELINE}.range }})")
    listed = listed_slugs(page)
    assert listed != ordered_slugs()  # the opening period leaves some out
    page.keyboard.press(key)
    assert_selected(
        page, ordered_slugs(start_date__range=(datetime.date(2011, 5, 1), datetime.date(2011, 12, 31)))[row]
    )
    assert page.evaluate(f"() => ({{ ...{TIMELINE}.range }})") == before
    assert listed_slugs(page) == listed


def test_a_link_to_an_event_shows_its_details_on_a_phone(explorer):
    """On a phone the details lie below the map and the timeline: a link to an event (shared, say)
    opens with them in view, not at the top of the page."""
    page = explorer(f"?event={MASSACRE}", viewport={"width": 390, "height": 844})
    assert_selected(page, MASSACRE)
    title = page.locator("#details-content .event-title")
    title.wait_for()
    box = title.bounding_box()
    assert 0 <= box["y"] < 844
    assert page.evaluate("scrollY") > 0


def test_the_focus_stays_on_an_event_when_the_list_is_made_anew(explorer):
    """Closing an event gives its row the focus; when the list is then filled again (here the timeline
    widens, as it does when it settles after a move to an earlier event), the focus goes on to the
    same event's new row instead of falling to the page."""
    page = explorer(f"?event={MASSACRE}")
    assert_selected(page, MASSACRE)
    page.keyboard.press("Escape")
    link = f"#event-{MASSACRE} h3 a"
    assert page.locator(link).evaluate("link => link === document.activeElement")
    listed = page.locator("#event-list-pane").get_attribute("data-listed")
    page.evaluate(f"{TIMELINE}.setRange(...{TIMELINE}.full)")
    page.wait_for_function(f"() => document.getElementById('event-list-pane').dataset.listed !== {listed!r}")
    assert page.locator(link).evaluate("link => link === document.activeElement")


def test_escape_at_once_after_the_timeline_moved_focuses_the_events_row(explorer):
    """Stepping to an event outside the period in view moves the timeline, and the list follows once the
    timeline has settled; Escape pressed before that still gives the event's row the focus."""
    slugs = ordered_slugs()
    after = ordered_slugs(start_date__gt=datetime.date(2011, 12, 31))[0]
    steps = slugs.index(after) - slugs.index(MASSACRE)
    page = explorer(f"?event={MASSACRE}")
    assert_selected(page, MASSACRE)
    assert after not in listed_slugs(page)
    page.evaluate(
        """steps => {
            const press = (key) => document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
            for (let i = 0; i < steps; i++) press("ArrowRight");
            press("Escape");
        }""",
        steps,
    )
    assert "event" not in query(page)
    assert page.locator(f"#event-{after} h3 a").evaluate("link => link === document.activeElement")
    page.wait_for_timeout(300)  # the timeline settles (150 ms): the list is filled again, the focus stays
    assert page.locator(f"#event-{after} h3 a").evaluate("link => link === document.activeElement")


def test_the_next_events_panel_fetched_ahead_shows_whole_at_once(explorer):
    """The neighbours' panels are fetched ahead: → shows the next event's whole panel in the same
    task, not its title first and the rest a moment later."""
    slugs = ordered_slugs()
    following = slugs[slugs.index(MASSACRE) + 1]
    page = explorer(f"?event={MASSACRE}")
    assert_selected(page, MASSACRE)
    page.wait_for_load_state("networkidle")
    at_once = page.evaluate(
        """() => {
            document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
            const content = document.getElementById("details-content");
            return [content.querySelector(".event-panel") !== null, content.hasAttribute("aria-busy")];
        }"""
    )
    assert at_once == [True, False]
    assert_selected(page, following)


def test_enter_on_a_focused_event_selects_it(explorer):
    page = explorer()
    reveal(page, MASSACRE)
    page.focus(f"#event-{MASSACRE} h3 a")
    page.keyboard.press("Enter")
    assert_selected(page, MASSACRE)


def test_category_filter_updates_the_list_counts_and_url(explorer):
    page = explorer()
    page.check('input[name=category][value="trial"]')
    expected = Event.objects.published().filter(categories__slug="trial").count()
    assert query(page)["category"] == "trial"
    assert len(shown_slugs(page)) == expected
    total = Event.objects.published().count()
    assert page.locator("#result-count").inner_text() == f"{expected} of {total} events"


def test_text_search_finds_alternative_spellings(explorer):
    page = explorer()
    page.fill("#filter-q", "Tuletayeva")
    page.wait_for_url(re.compile(r"[?&]q=Tuletayeva"))
    expected = ordered_slugs(pk__in=Event.objects.published().search("Tuletayeva"))
    assert expected
    page.wait_for_function(
        "(n) => document.getElementById('result-count').textContent.includes(`${n} of`)", arg=len(expected)
    )
    assert shown_slugs(page) == expected


def test_date_range_filter_keeps_events_that_overlap_it(explorer):
    page = explorer()
    page.fill("#filter-from", "2011-07")
    page.fill("#filter-to", "2011-07")
    page.dispatch_event("#filter-to", "change")
    page.wait_for_url(re.compile(r"[?&]to=2011-07"))
    expected = Event.objects.published().between(datetime.date(2011, 7, 1), datetime.date(2011, 7, 31)).count()
    assert len(shown_slugs(page)) == expected
    assert page.locator("#event-2011-07-08-tent-city-broken-up").is_visible()


def test_place_filter_from_the_list_box(explorer):
    page = explorer()
    page.select_option("#filter-place", "aktau")
    expected = Event.objects.published().filter(place__slug="aktau").count()
    assert len(shown_slugs(page)) == expected


def test_an_empty_result_says_so_and_offers_to_clear(explorer):
    page = explorer("?q=no-such-words-anywhere")
    assert page.locator("#empty-result").is_visible()
    page.click("#empty-result a")
    assert page.locator("#empty-result").is_hidden()
    assert len(shown_slugs(page)) == Event.objects.published().count()
    assert "q" not in query(page)


def test_url_state_survives_reload_and_back(explorer, live_server):
    slugs = ordered_slugs(categories__slug__in=["strike", "protest"])
    page = explorer("?category=strike,protest")
    assert shown_slugs(page) == slugs
    first = slugs[0]
    reveal(page, first)
    page.click(f"#event-{first} h3 a")
    page.keyboard.press("ArrowRight")
    assert query(page)["event"] == slugs[1]  # the next of the events shown
    page.go_back()
    assert_selected(page, first)
    page.reload()
    page.wait_for_selector("#explorer[data-ready=true]")
    assert_selected(page, first)
    assert page.locator('input[value="strike"]').is_checked()
    assert page.locator('input[value="protest"]').is_checked()
    page.go_back()
    assert "event" not in query(page)
    assert query(page)["category"] == "strike,protest"


def test_phone_layout_stacks_map_above_timeline_without_sideways_scrolling(explorer):
    page = explorer(f"?event={MASSACRE}", viewport={"width": 390, "height": 844})
    map_box = page.locator("#map").bounding_box()
    timeline_box = page.locator("#timeline").bounding_box()
    assert map_box["width"] >= 380
    assert timeline_box["width"] >= 380
    assert map_box["y"] + map_box["height"] <= timeline_box["y"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_selected(page, MASSACRE)


def test_wide_layout_puts_map_and_timeline_side_by_side(explorer):
    page = explorer(viewport={"width": 1366, "height": 768})
    map_box = page.locator("#map").bounding_box()
    timeline_box = page.locator("#timeline").bounding_box()
    assert map_box["x"] + map_box["width"] <= timeline_box["x"] + 1
    assert abs(map_box["y"] - timeline_box["y"]) < 5


def test_without_tiles_the_offline_outline_is_drawn(explorer):
    page = explorer()
    page.wait_for_selector("#map.offline-basemap", timeout=8000)
    wait_for_outline(page, "#map")
    assert page.locator("#map-note").is_visible()
    hosts = {urlsplit(url).netloc for url in page.outside_requests}
    assert hosts <= {"tile.openstreetmap.org"}
    assert page.console_errors == []


DAY_MS = 86_400_000


def watch_timeline(page):
    """Record the timeline's domain ([start, end] in ms) each time it draws, as ``window.domain``."""
    page.evaluate(
        """() => document.getElementById("timeline-canvas").addEventListener(
             "timeline:render", (e) => (window.domain = e.detail.domain))"""
    )


def next_domain(page, after):
    """The timeline's domain once it has drawn one other than ``after``."""
    page.wait_for_function("(after) => window.domain && window.domain.join() !== after.join()", arg=after, timeout=5000)
    return page.evaluate("window.domain")


def test_timeline_zooms_to_days_and_pans(explorer):
    page = explorer()
    watch_timeline(page)
    before = page.locator("#timeline-range").inner_text()
    page.locator("#timeline-canvas").focus()
    for _ in range(9):
        page.keyboard.press("+")
    # Halvings of the opening period, May–December 2011: down to days (the shortest view is two).
    page.wait_for_function(
        "(span) => window.domain && window.domain[1] - window.domain[0] <= span", arg=2 * DAY_MS, timeout=5000
    )
    zoomed = page.evaluate("window.domain")
    labels = page.evaluate(f"{TIMELINE}.ticks.map((tick) => tick.label)")
    assert any(re.match(r"^\d{1,2} \w+", label) for label in labels), labels  # day ticks, e.g. "16 Dec"
    span = zoomed[1] - zoomed[0]

    page.keyboard.press("Shift+ArrowRight")
    panned = next_domain(page, zoomed)
    assert panned[1] - panned[0] == pytest.approx(span)  # the same zoom,
    assert panned[0] - zoomed[0] == pytest.approx(span / 4)  # a quarter of the view later
    assert page.locator("#timeline-range").inner_text() != before

    page.click("[data-range='2008-01-01/2024-12-31']")
    whole = next_domain(page, panned)
    assert whole == [time("2008-01-01"), time("2025-01-01")]  # to the end of 31 December 2024
    assert before == "1 May 2011 – 31 December 2011"  # the opening period
    assert page.locator("#timeline-range").inner_text() == "1 January 2008 – 31 December 2024"
    labels = page.evaluate(f"{TIMELINE}.ticks.map((tick) => tick.label)")
    assert len(labels) >= 4, labels
    assert all(re.fullmatch(r"20\d\d", label) for label in labels), labels  # years again


def test_without_javascript_the_list_is_paged_by_year_and_keeps_the_filters(browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/?category=trial")
    trials = Event.objects.published().filter(categories__slug="trial")
    # It opens on 2011, the front door's year, and says which part of the list it shows.
    in_2011 = trials.filter(start_date__year=2011).count()
    assert page.locator("#list-page-title").inner_text() == "2011"
    assert page.locator(".list-page .event-item").count() == in_2011
    assert f"The {in_2011} events of 2011." in page.locator("#page-note").inner_text()
    assert page.locator("#map-pane").is_hidden()
    # The links to the other years keep the filters.
    # A click returns once the next page is committed, not loaded: wait for its load.
    page.locator("#list-pages a", has_text="2012").click()
    page.wait_for_url(re.compile(r"[?&]page=2012"))
    assert query(page) == {"category": "trial", "page": "2012"}
    assert page.locator(".list-page .event-item").count() == trials.filter(start_date__year=2012).count()
    page.locator(".page-links a[rel=prev]").click()
    page.wait_for_url(re.compile(r"[?&]page=2011"))
    assert query(page)["page"] == "2011"
    page.locator(".list-page .event-item h3 a").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    context.close()


def test_zooming_the_timeline_narrows_the_list_and_says_so(explorer):
    page = explorer()
    everything = shown_slugs(page)
    page.click("[data-range='2011-05-01/2011-12-31']")
    page.wait_for_selector("#range-note:not([hidden])")
    may, december = datetime.date(2011, 5, 1), datetime.date(2011, 12, 31)
    expected = ordered_slugs(pk__in=Event.objects.published().between(may, december))
    assert listed_slugs(page) == expected
    note = page.locator("#range-note").inner_text()
    assert f"Showing {len(expected)} of {len(everything)} events" in note
    # The same period as the timeline says it shows.
    first, last = page.locator("#timeline-range").inner_text().split(" – ")
    assert first == "1 May 2011"
    assert f"from {first} to {last}," in note
    page.click("#show-all-events")
    page.wait_for_selector("#range-note", state="hidden")
    assert listed_slugs(page) == everything


def test_a_date_filter_moves_the_timeline_to_its_period(explorer):
    page = explorer()
    watch_timeline(page)
    page.fill("#filter-from", "2011-07")
    page.fill("#filter-to", "2011-08")
    page.dispatch_event("#filter-to", "change")
    page.wait_for_function(
        "(range) => window.domain && window.domain[0] === range[0] && window.domain[1] === range[1]",
        arg=[time("2011-07-01"), time("2011-09-01")],  # to the end of its last day
        timeout=5000,
    )
    # The list and the timeline agree: what the filter keeps, without a note.
    page.wait_for_timeout(300)
    assert listed_slugs(page) == shown_slugs(page)
    assert page.locator("#range-note").is_hidden()


# A row's title, or its date and place, cut (by the lines it is given, or at the edge).
TITLES_CUT = """() => [...document.querySelectorAll('#event-list-pane .event-item :is(h3, .event-line)')]
  .filter((title) => title.scrollHeight > title.clientHeight + 1 || title.scrollWidth > title.clientWidth + 1)
  .map((title) => title.textContent.trim())"""


@pytest.mark.parametrize(
    ("language", "width"), [("", 390), ("ru/", 390), ("kk/", 390), ("", 320), ("ru/", 320), ("kk/", 320)]
)
def test_on_a_phone_the_lists_titles_are_whole(page, live_server, content, language, width):
    """The list's rows on a phone hold their titles on up to four lines, six on the narrowest, and
    their dates and places on up to two: scrolled from the first row to the last, none is cut (the
    longest titles, in Russian and Kazakh, take four at 390 px; in Kazakh, six at 320; on one line, the
    dates and places of 10 Russian rows and 12 Kazakh were cut at 390)."""
    assert_titles_whole(page, live_server, language, width, 844)


@pytest.mark.parametrize(
    ("language", "width"),
    [("", 1024), ("ru/", 1024), ("kk/", 1024), ("", 1366), ("ru/", 1366), ("kk/", 1366), ("kk/", 1440), ("ru/", 1920)],
)
def test_on_a_laptop_the_lists_titles_are_whole(page, live_server, content, language, width):
    """Beside the map, the list's rows hold their titles on two lines, or three where it is narrower:
    none is cut. On one line, at 1366 px, 15 of the 77 English titles, 28 Russian and 33 Kazakh were."""
    assert_titles_whole(page, live_server, language, width, 768)


def assert_titles_whole(page, live_server, language, width, height):
    """Scrolled through from the first row to the last, the explorer's list cuts no title, no date and
    no place."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/{language}?from=2008")
    page.wait_for_selector("#explorer[data-ready=true]")
    pane = page.locator("#event-list-pane")
    seen, cut = set(), set()
    for _ in range(60):
        titles = page.locator("#event-list-pane .event-item h3").all_inner_texts()
        seen.update(titles)
        cut.update(page.evaluate(TITLES_CUT))
        at_end = pane.evaluate("(pane) => pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 1")
        if at_end:
            break
        pane.evaluate("(pane) => { pane.scrollTop += pane.clientHeight * 0.8; }")
        page.wait_for_timeout(60)
    assert len(seen) >= Event.objects.published().count() - 1
    assert cut == set()
