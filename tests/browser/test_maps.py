"""The maps and the timeline's zoom in Chromium: place names stay text on every map, markers answer
the keyboard like a click, "+" zooms in on what matters, and a ticked category chip is readable."""

import base64
import json
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.browser.conftest import wait_for_outline
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
    url = f"{live_server.url}/present/a-tour/#2"  # the first stop (#1 is the tour's opening slide)
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
    # The map zooms out to every place, where Shetpe joins a group: the keyboard stays on the marker
    # that stands for it, and Enter opens groups until Shetpe has its own marker again.
    settle(page)
    for _ in range(8):
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        assert "shetpe" in page.evaluate("() => document.activeElement.dataset.places").split()
        if label == "Shetpe":
            break
        page.keyboard.press("Enter")
        settle(page)
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


def assert_only_markers_in_sight_are_in_the_page(page):
    markers = page.evaluate(MARKERS_IN_SIGHT)
    assert markers
    for name, inside, tabindex in markers:
        assert inside, (name, inside, tabindex)
        assert tabindex == 0, (name, inside, tabindex)
    return markers


def shown_counts(page):
    return sum(int(text) for text in page.locator("#map .place-marker").all_inner_texts())


def test_markers_merge_into_groups_when_zoomed_out_and_split_when_zoomed_in(explorer):
    # Only the markers in sight are in the page (before clustering, every place's marker was, the
    # ones out of sight taken out of the Tab order), and near places share one marker.
    page = explorer()
    settle(page)
    at_first = assert_only_markers_in_sight_are_in_the_page(page)
    in_town = ["zhanaozen", "zhanaozen-square", "ozenmunaigaz-headquarters"]
    group = page.locator("#map .place-cluster[aria-label^='Zhanaozen']")
    assert group.count() == 1
    assert group.inner_text() == str(Event.objects.published().filter(place__slug__in=in_town).count())
    for name in ["Zhanaozen town square", "Ozenmunaigaz headquarters"]:
        assert name in group.get_attribute("aria-label")
        assert page.locator(f"#map .place-marker[aria-label='{name}']").count() == 0
    for _ in range(4):
        page.click("#map .leaflet-control-zoom-out")
        settle(page)
    zoomed_out = assert_only_markers_in_sight_are_in_the_page(page)
    assert len(zoomed_out) < len(at_first)
    # Every event at a place is counted once, in a group or on its own.
    assert shown_counts(page) == Event.objects.published().exclude(place=None).count()
    for _ in range(6):
        page.click("#map .leaflet-control-zoom-in")
        settle(page)
    zoomed_in = assert_only_markers_in_sight_are_in_the_page(page)
    assert len(zoomed_in) < len(at_first)
    assert shown_counts(page) < Event.objects.published().exclude(place=None).count()


def test_clicking_a_group_zooms_in_until_its_places_stand_apart(explorer):
    page = explorer()
    settle(page)
    page.locator("#map .place-cluster[aria-label^='Zhanaozen']").click()
    settle(page)
    names = {marker[0] for marker in assert_only_markers_in_sight_are_in_the_page(page)}
    assert {"Zhanaozen", "Zhanaozen town square", "Ozenmunaigaz headquarters"} <= names
    assert page.locator("#map .place-cluster").count() == 0
    for slug, name in [("zhanaozen-square", "Zhanaozen town square"), ("zhanaozen", "Zhanaozen")]:
        marker = page.locator(f".place-marker[aria-label='{name}']")
        assert marker.inner_text() == str(Event.objects.published().filter(place__slug=slug).count())


def test_a_group_opens_with_the_keyboard_and_the_focus_stays_on_its_place(explorer):
    page = explorer()
    settle(page)
    group = page.locator("#map .place-cluster[aria-label^='Zhanaozen']")
    assert group.get_attribute("role") == "button"
    group.focus()
    page.keyboard.press("Enter")
    settle(page)
    assert page.locator("#map .place-cluster").count() == 0
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Zhanaozen"


@pytest.fixture
def many_places(content):
    """Five hundred more places over western Kazakhstan, an event at each."""
    import random

    from django.contrib.gis.geos import Point

    rng = random.Random(13)
    for n in range(500):
        place = PlaceFactory(
            slug=f"grid-place-{n}",
            name=f"Grid place {n}",
            kind="village",
            geom=Point(rng.uniform(49.5, 56.0), rng.uniform(41.0, 46.5), srid=4326),
        )
        EventFactory(place=place, slug=f"grid-event-{n}", status="published")


CENTRES = """markers => markers.map((m) => {
  const b = m.getBoundingClientRect();
  return [b.x + b.width / 2, b.y + b.height / 2];
})"""


def test_with_many_places_the_map_holds_only_the_markers_it_shows(explorer, many_places):
    page = explorer()
    settle(page)
    markers = assert_only_markers_in_sight_are_in_the_page(page)
    # 512 places, and far fewer markers: near ones merge, and none covers another's middle.
    assert len(markers) < 512 / 3
    centres = page.locator("#map .place-marker").evaluate_all(CENTRES)
    for i, (x, y) in enumerate(centres):
        for u, v in centres[i + 1 :]:
            assert (x - u) ** 2 + (y - v) ** 2 >= 30**2
    in_view = shown_counts(page)
    for _ in range(3):
        page.click("#map .leaflet-control-zoom-in")
        settle(page)
        assert_only_markers_in_sight_are_in_the_page(page)
        assert shown_counts(page) < in_view
    for _ in range(8):  # to the whole region, Warsaw included
        page.click("#map .leaflet-control-zoom-out")
        settle(page)
    assert_only_markers_in_sight_are_in_the_page(page)
    assert shown_counts(page) == Event.objects.published().exclude(place=None).count()
    assert len(page.evaluate(MARKERS_IN_SIGHT)) < 20
    assert 0 < page.locator("#map .place-label").count() < 40  # names that would overlap are left out


# --- Place names --------------------------------------------------------------------------------

LABELS = """() => [...document.querySelectorAll("#map .place-label")].map((label) => {
  const box = label.querySelector(".place-label-text").getBoundingClientRect();
  return { name: label.textContent, box: [box.left, box.top, box.right, box.bottom] };
})"""

BOXES = """markers => markers.map((m) => {
  const b = m.getBoundingClientRect();
  return [b.left, b.top, b.right, b.bottom];
})"""


@pytest.mark.parametrize(
    ("prefix", "names"),
    [("", ["Zhanaozen", "Aktau", "Shetpe", "Zhetybai"]), ("/ru", ["Жанаозен", "Актау", "Шетпе", "Жетыбай"])],
)
def test_the_offline_outline_names_the_places(page, live_server, content, prefix, names):
    page.goto(f"{live_server.url}{prefix}/")
    page.wait_for_selector("#map.offline-basemap")
    wait_for_outline(page, "#map")
    settle(page)
    labels = page.evaluate(LABELS)
    found = [label["name"] for label in labels]
    for name in names:
        assert name in found, (name, found)
    # No name covers another, nor a marker.
    markers = page.locator("#map .place-marker").evaluate_all(BOXES)
    boxes = [label["box"] for label in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :] + markers:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (labels[i], b)
    # They are drawn, not read out twice: each marker already says its place's name.
    assert page.locator("#map .place-label [aria-hidden=true]").count() == len(labels)


def on_a_map_of_its_own(page, places, body, options=""):
    """Run ``body`` (JavaScript, which has ``view`` and ``element``; what it returns is returned) in
    ``page``, the explorer, beside a MapView of its own: 600 × 400 px, with ``places``, no tiles, and
    ``options`` added to the view's."""
    src = page.locator("script[type=module][src*=explorer]").get_attribute("src")
    script = f"""async (src) => {{
  const {{ MapView }} = await import(src.replace("explorer.js", "map.js"));
  const element = document.createElement("div");
  element.style.cssText = "width: 600px; height: 400px";
  document.body.append(element);
  const config = JSON.parse(document.getElementById("explorer").dataset.mapConfig);
  const places = {json.dumps(places)};
  const view = new MapView(element, {{
    places, config: {{ ...config, tiles: [] }}, onSelectPlace: () => {{}}, {options}
  }});
{body}
}}"""
    return page.evaluate(script, src)


THREE_PLACES = [
    {"slug": "one", "name": "First place", "lat": 43.34, "lon": 52.86, "kind": "town"},
    {"slug": "two", "name": "Second place", "lat": 43.65, "lon": 51.2, "kind": "town"},
    {"slug": "three", "name": "Third place", "lat": 43.0, "lon": 53.5, "kind": "village"},
]
NAMES_DRAWN_AGAIN = """  view.setCounts(new Map([["one", 2], ["two", 1]]));
  view.map.setView([43.34, 52.4], 7, { animate: false });
  const names = () => [...element.querySelectorAll(".place-label")].map((label) => label.textContent).sort();
  const before = names();
  let measured = 0;
  const measure = CanvasRenderingContext2D.prototype.measureText;
  CanvasRenderingContext2D.prototype.measureText = function (...args) {
    measured += 1;
    return measure.apply(this, args);
  };
  const drawn = view.labels.drawn;
  view.map.panBy([4, 0], { animate: false });
  const redrawn = view.labels.drawn !== drawn;
  CanvasRenderingContext2D.prototype.measureText = measure;
  return { before, after: names(), redrawn, measured };"""


def test_names_are_measured_once_not_at_each_move_of_the_map(explorer):
    """The names are placed again after each move or zoom of the map; their widths, measured the
    first time, are not measured again (with hundreds of places in view, a few ms each time)."""
    result = on_a_map_of_its_own(explorer(), THREE_PLACES, NAMES_DRAWN_AGAIN)
    assert result["before"] == ["First place", "Second place", "Third place"]
    assert result["after"] == result["before"]
    assert result["redrawn"]  # placed again, for the map's new position
    assert result["measured"] == 0


# A tile: one transparent pixel.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
CREDIT = "#map .leaflet-control-attribution"
TILE_HOST = urlsplit(settings.LEAFLET_CONFIG["TILES"][0][1]).netloc
TILES = re.compile(rf"^https?://{re.escape(TILE_HOST)}/")


def test_the_maps_credit_names_what_it_shows(explorer):
    """Tiles refused, the map shows the outline: Natural Earth is credited, OpenStreetMap (none of
    whose tiles is shown) is not. When its tiles load after all (the connection is back), the map
    shows them, says no longer that it is offline, and credits OpenStreetMap again."""
    page = explorer()
    page.wait_for_selector("#map.offline-basemap")
    wait_for_outline(page, "#map")
    page.wait_for_function(f"() => document.querySelector({CREDIT!r}).textContent.includes('Natural Earth')")
    assert "OpenStreetMap" not in page.locator(CREDIT).inner_text()
    page.route(TILES, lambda route: route.fulfill(body=PIXEL, content_type="image/png"))
    assert page.locator("#map-note").is_visible()
    page.click("#map .leaflet-control-zoom-in")  # tiles of another zoom are asked for, and come
    page.wait_for_selector("#map:not(.offline-basemap)")
    credit = page.locator(CREDIT).inner_text()
    assert "OpenStreetMap" in credit
    assert "Natural Earth" not in credit
    assert page.locator("#map-note").is_hidden()


def served_tiles(page):
    """Serve every tile (one transparent pixel); returns the list of the tiles' addresses asked for."""
    asked = []

    def serve(route):
        asked.append(route.request.url)
        route.fulfill(body=PIXEL, content_type="image/png")

    page.route(TILES, serve)
    return asked


def tile_requests(page):
    return [url for url in page.outside_requests if urlsplit(url).netloc == TILE_HOST]


def test_offline_the_map_asks_for_one_tile_not_for_a_whole_view(explorer):
    """Offline (a classroom), each tile of a view failed: some 20 images, requests and errors at once,
    25–35 ms of a laptop's main thread. The map asks for the tile in the middle of its view first,
    and for the others only once that one has come; refused, it asks again when the map moves."""
    page = explorer()
    page.wait_for_selector("#map.offline-basemap")
    page.wait_for_timeout(700)  # past the timeout that asks in a tab drawing no frames
    assert len(tile_requests(page)) == 1
    assert page.locator("#map .leaflet-tile").count() == 0
    wait_for_outline(page, "#map")
    page.click("#map .leaflet-control-zoom-in")
    settle(page)
    for _ in range(60):
        if len(tile_requests(page)) > 1:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)
    requests = tile_requests(page)
    assert len(requests) == 2
    assert requests[1] != requests[0]  # the middle tile at the new zoom
    assert page.locator("#map .leaflet-tile").count() == 0
    assert page.locator("#map-note").is_visible()


def test_online_the_tile_asked_for_first_is_the_one_in_the_middle_of_the_view(explorer, page):
    """The tile asked for first is one the layer then draws, in the middle of the map (the browser keeps
    one copy of it); once it has come, the view's other tiles are asked for and drawn."""
    asked = served_tiles(page)
    explorer()
    page.wait_for_function("() => document.querySelectorAll('#map .leaflet-tile-loaded').length > 4")
    assert page.locator("#map.offline-basemap").count() == 0
    assert "OpenStreetMap" in page.locator(CREDIT).inner_text()
    middle = page.evaluate(
        """() => {
          const box = document.getElementById("map").getBoundingClientRect();
          const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
          return [...document.querySelectorAll("#map .leaflet-tile")].filter((tile) => {
            const r = tile.getBoundingClientRect();
            return r.left <= x && x < r.right && r.top <= y && y < r.bottom;
          }).map((tile) => tile.src);
        }"""
    )
    assert asked[0] in middle
    assert len(set(asked)) > 4


# The browser says it has no network until the test says otherwise (``window.online``).
NO_NETWORK = """
Object.defineProperty(Navigator.prototype, "onLine", { get: () => Boolean(window.online), configurable: true });
"""


def test_a_map_opened_without_a_network_shows_its_tiles_once_the_browser_is_online(explorer, page):
    """A classroom's laptop opens the explorer before it joins the network: the outline at once, no
    tile asked for; once the browser says it is online, the tiles come and cover the outline."""
    page.add_init_script(NO_NETWORK)
    asked = served_tiles(page)
    explorer()
    page.wait_for_selector("#map.offline-basemap")
    page.wait_for_timeout(700)
    assert asked == []
    assert page.locator("#map-note").is_visible()
    page.evaluate("() => { window.online = true; window.dispatchEvent(new Event('online')); }")
    page.wait_for_selector("#map:not(.offline-basemap)")
    page.wait_for_function("() => document.querySelectorAll('#map .leaflet-tile-loaded').length > 4")
    assert "OpenStreetMap" in page.locator(CREDIT).inner_text()
    assert page.locator("#map-note").is_hidden()


# --- The events with no single place ------------------------------------------------------------


def test_the_no_single_place_button_counts_those_events_and_chooses_them(explorer):
    page = explorer()
    button = page.locator("#map #no-place")
    expected = Event.objects.published().filter(place=None).count()
    assert expected > 0
    assert button.locator(".no-place-count").inner_text() == str(expected)
    assert button.get_attribute("aria-pressed") == "false"
    box = button.bounding_box()
    assert box["height"] >= 24
    assert box["width"] >= 24
    # With a filter, it counts what the filter leaves.
    page.locator(".chip[data-category=solidarity]").click()
    solidarity = Event.objects.published().filter(place=None, categories__slug="solidarity").count()
    assert solidarity != expected
    page.wait_for_function(
        "(n) => document.querySelector('#no-place .no-place-count').textContent === String(n)", arg=solidarity
    )
    page.locator(".chip[data-category=solidarity]").click()
    # Choosing it calls the explorer back (onSelectNoPlace), which asks for place=none.
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]place=none"))
    assert button.get_attribute("aria-pressed") == "true"
    assert button.locator(".no-place-count").inner_text() == str(expected)


def test_the_map_view_calls_back_when_the_no_single_place_group_is_chosen(explorer):
    """MapView on its own: the button shows the count under "" and calls onSelectNoPlace."""
    result = on_a_map_of_its_own(
        explorer(),
        [],
        """  let chosen = 0;
  view.setCounts(new Map([["", 7]]));
  const button = element.querySelector(".no-place-button");
  const count = button.querySelector(".no-place-count").textContent;
  button.click();
  view.setCounts(new Map([["", 0]]));
  return { count, chosen, hiddenWhenNone: button.parentElement.hidden };""",
        options="onSelectNoPlace: () => (chosen += 1)",
    )
    assert result == {"count": "7", "chosen": 1, "hiddenWhenNone": True}


NEAR_AND_FAR = [
    {"slug": "near", "name": "Near", "lat": 43.34, "lon": 52.86, "kind": "town"},
    {"slug": "far", "name": "Far", "lat": 43.24, "lon": 76.89, "kind": "city"},
]
PAN_TO_A_FAR_PLACE = """  view.setCounts(new Map([["near", 1], ["far", 1]]));
  view.map.setView([43.34, 52.86], 8, { animate: false });
  const markers = () => [...element.querySelectorAll(".place-marker")].map((marker) => marker.dataset.places).sort();
  const before = markers();
  let renders = 0;
  const render = view.render.bind(view);
  view.render = (...args) => ((renders += 1), render(...args));
  const ended = new Promise((done) => view.map.once("moveend", done));
  view.selectPlace("far");
  const started = markers();
  await ended;
  return { before, started, after: markers(), renders, centre: view.map.getCenter().lng };"""


def test_a_pan_to_a_selected_place_draws_its_markers_once_not_each_frame(explorer):
    """Selecting an event far away pans the map for 0.4 s: the markers of where it goes are drawn as
    it starts, and the markers and names are placed again once it has ended, not in every frame."""
    result = on_a_map_of_its_own(explorer(), NEAR_AND_FAR, PAN_TO_A_FAR_PLACE)
    assert result["before"] == ["near"]
    assert result["started"] == ["far", "near"]  # the destination's marker is there as the pan starts
    assert result["after"] == ["far"]  # and only what is in view once it has ended
    assert result["centre"] == pytest.approx(76.89, abs=0.01)
    assert result["renders"] == 2  # before the pan and after it (some 24 frames in between)


# --- The timeline's "+" -------------------------------------------------------------------------

MARK_POSITION = """(slug) => {
  const where = document.getElementById("timeline-canvas").timeline.positionOf(slug);
  return where ? where.fraction : null;
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
    page.click("[data-range^='2008-01-01']")  # from the opening period to the whole span
    next_frame(page)
    page.locator("#timeline-canvas").focus()
    for press in range(4):  # from seventeen years to about one
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
