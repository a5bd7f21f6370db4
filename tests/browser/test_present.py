"""Presenting a tour in Chromium: keys and clicker keys, the slide in the URL, the presenter view
in step, offline, and the printed handout."""

import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.browser.conftest import address, wait_for_outline
from tours.models import Tour

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

TOUR = "the-2011-strike-and-the-massacre"


@pytest.fixture
def present(page, live_server, content):
    def open_tour(suffix="", target=page):
        target.goto(f"{live_server.url}/present/{TOUR}/{suffix}")
        target.wait_for_selector("#presentation[data-ready=true]")
        return target

    return open_tour


def visible_slide(page):
    return int(page.locator(".slide:not([hidden])").get_attribute("data-number"))


def slide_in_url(page):
    return int(re.search(r"#(\d+)$", address(page)).group(1))


def test_keys_and_clicker_keys_step_through_the_slides(present):
    page = present()
    assert visible_slide(page) == 1
    for key, expected in [
        ("ArrowRight", 2), ("PageDown", 3), ("Space", 4), ("ArrowDown", 5), ("ArrowUp", 4), ("ArrowLeft", 3),
        ("PageUp", 2),
        # The opening slide, a slide per stop, the closing slide.
        ("End", Tour.objects.get(slug=TOUR).stops.count() + 2), ("Home", 1),
    ]:  # fmt: skip
        page.keyboard.press(key)
        assert visible_slide(page) == expected, key
        assert slide_in_url(page) == expected
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    assert visible_slide(page) == 7
    assert page.locator(".slide:not([hidden])").count() == 1
    assert page.locator(".mini-mark.current").get_attribute("data-number") == "7"
    assert page.locator("#slide-number").inner_text() == "7"


SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


SHOOTING = "2011-12-16-zhanaozen-shooting"


@pytest.mark.parametrize(
    "address",
    [f"/present/{TOUR}/", f"/present/?events=2008-un-estimate-poverty-in-mangistau,{SHOOTING}&event={SHOOTING}"],
)
def test_nothing_moves_when_the_slideshow_starts(page, live_server, content, address):
    """The page comes laid out as the script will show it: the slide it opens at alone, the map's
    column and the timeline at the foot in place. It came as a long page of every slide, which the
    script then folded into one (Lighthouse: a layout shift of 0.955 on a desktop)."""
    page.add_init_script(SHIFTS)
    page.set_viewport_size({"width": 1350, "height": 940})
    page.goto(f"{live_server.url}{address}")
    page.wait_for_selector("#presentation[data-ready=true]")
    page.wait_for_timeout(500)
    assert page.evaluate("window.layoutShift") < 0.01
    shown = page.locator(".slide:not([hidden])")
    if "event=" in address:  # the slide the address asks for, which the server marked
        assert shown.get_attribute("data-slug") == SHOOTING
    else:
        assert "slide-opening" in shown.get_attribute("class")


def test_without_scripts_every_slide_is_on_the_page(browser, live_server, content):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/present/{TOUR}/")
        slides = page.locator(".slide")
        assert slides.count() > 3
        assert all(slides.nth(i).is_visible() for i in range(slides.count()))
    finally:
        context.close()


def test_the_slide_number_in_the_url_survives_a_reload(present):
    page = present("#5")
    assert visible_slide(page) == 5
    page.keyboard.press("ArrowRight")
    page.reload()
    page.wait_for_selector("#presentation[data-ready=true]")
    assert visible_slide(page) == 6


def test_swipe_moves_to_the_next_slide(present):
    page = present()
    stage = page.locator(".stage").bounding_box()
    y = stage["y"] + stage["height"] / 2
    page.evaluate(
        """([x1, x2, y]) => {
            const stage = document.querySelector('.stage');
            const base = {pointerType: 'touch', pointerId: 7, bubbles: true, clientY: y};
            stage.dispatchEvent(new PointerEvent('pointerdown', {...base, clientX: x1}));
            stage.dispatchEvent(new PointerEvent('pointerup', {...base, clientX: x2}));
        }""",
        [stage["x"] + 400, stage["x"] + 100, y],
    )
    assert visible_slide(page) == 2


def test_presenter_view_stays_in_step_with_the_audience_window(present, page):
    audience = present("#3")
    presenter = present("?notes=1#3", target=page.context.new_page())
    stops = list(Tour.objects.get(slug=TOUR).stops.select_related("event").order_by("order", "pk"))
    assert presenter.locator("#presenter-panel").is_visible()
    # Slide 3 is the second stop (the opening slide is 1): next comes the third.
    third = stops[2].event
    assert presenter.locator("#presenter-next").inner_text() == f"{third.date_display} · {third.title}"
    assert re.match(r"\d+:\d\d", presenter.locator("#elapsed").inner_text())
    presenter.keyboard.press("ArrowRight")
    audience.wait_for_url(re.compile(r"#4$"))
    assert visible_slide(audience) == 4
    assert presenter.locator("#presenter-note").inner_text() == (stops[2].note or "—")
    assert not audience.locator(".slide:not([hidden]) .slide-note").is_visible()
    audience.keyboard.press("ArrowRight")
    presenter.wait_for_url(re.compile(r"#5$"))
    assert visible_slide(presenter) == 5


def test_a_newly_opened_window_follows_the_presenter_instead_of_leading(present, page):
    presenter = present("?notes=1#5")
    audience = present("#1", target=page.context.new_page())
    audience.wait_for_url(re.compile(r"#5$"))
    assert visible_slide(audience) == 5
    assert visible_slide(presenter) == 5
    assert slide_in_url(presenter) == 5
    # Once open, it leads like any other window.
    audience.keyboard.press("ArrowRight")
    presenter.wait_for_url(re.compile(r"#6$"))


def test_a_window_alone_keeps_the_slide_it_was_opened_at(present):
    page = present("#4")
    page.wait_for_timeout(600)  # longer than a window waits for others to answer
    assert visible_slide(page) == 4


def test_the_presenter_view_link_opens_the_current_slide(present):
    page = present()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    link = page.locator("#presenter-link")
    assert link.get_attribute("href").endswith("?notes=1#3")
    link.click()
    page.wait_for_selector("body.presenter-mode #presentation[data-ready=true]")
    assert visible_slide(page) == 3
    assert address(page).endswith(f"/present/{TOUR}/?notes=1#3")


def test_the_presenter_view_of_a_selection_keeps_the_selection(page, live_server, content):
    page.goto(f"{live_server.url}/present/?from=2011-05&to=2011-12&importance=2")
    page.wait_for_selector("#presentation[data-ready=true]")
    page.keyboard.press("ArrowRight")
    slugs = page.eval_on_selector_all(".slide", "slides => slides.map((slide) => slide.dataset.slug)")
    page.locator("#presenter-link").click()
    page.wait_for_selector("body.presenter-mode #presentation[data-ready=true]")
    assert address(page).endswith("/present/?from=2011-05&to=2011-12&importance=2&notes=1#2")
    assert page.eval_on_selector_all(".slide", "slides => slides.map((slide) => slide.dataset.slug)") == slugs
    assert visible_slide(page) == 2


def test_offline_the_map_still_shows_the_outline(present):
    page = present("#11")
    page.wait_for_selector("#present-map.offline-basemap", timeout=8000)
    wait_for_outline(page, "#present-map")
    assert {url.split("/")[2] for url in page.outside_requests} <= {"tile.openstreetmap.org"}
    assert page.console_errors == []


@pytest.mark.parametrize("suffix", ["", "?notes=1", "handout/"])
def test_presentation_pages_have_no_serious_accessibility_violations(present, page, live_server, suffix):
    if suffix == "handout/":
        page.goto(f"{live_server.url}/present/{TOUR}/handout/")
    else:
        present(suffix)
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == []


def test_tour_list_has_no_serious_accessibility_violations(page, live_server, content):
    page.goto(f"{live_server.url}/present/")
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}] == []


@pytest.mark.parametrize(("language", "width"), [("ru/", 390), ("kk/", 320)])
def test_on_a_phone_the_handout_fits_the_screen_and_its_text_is_readable(page, live_server, content, language, width):
    """Opened on a phone before printing: no wider than the screen (it was 408–429 px at 390), each
    stop's text the screen's width below its map and QR code, not a column a few words wide."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/{language}present/{TOUR}/handout/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    texts = page.locator(".stop-text").evaluate_all("texts => texts.map((text) => text.getBoundingClientRect().width)")
    assert texts
    assert min(texts) >= width - 60
    maps = page.locator(".stop-map svg").evaluate_all("maps => maps.map((map) => map.getBoundingClientRect().right)")
    assert max(maps) <= width


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_handout_has_two_or_three_stops_a_page_and_cuts_no_stop(page, live_server, content, paper):
    page.goto(f"{live_server.url}/present/{TOUR}/handout/")
    reader = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    tour = Tour.objects.get(slug=TOUR)
    stops = list(tour.stops.select_related("event").order_by("order"))
    # NFKC undoes the typesetter's ligatures ("ﬁ"); whitespace is folded.
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages]
    assert len(stops) / 3 <= len(pages) <= len(stops) / 2 + 1
    for stop in stops:
        # Every stop's title and text stand whole on one page: nothing is cut across a page break.
        title = " ".join(stop.event.title.split())
        text_start = " ".join(stop.text.split())[:60]
        assert any(title in text and text_start in text for text in pages), stop.event.slug


def tool(name, package):
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is needed to read the printed handout: apt-get install {package} (make test does this).")
    return path


def test_every_qr_code_of_the_printed_handout_leads_to_its_event(page, live_server, content, tmp_path):
    page.goto(f"{live_server.url}/present/{TOUR}/handout/")
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    # As a phone sees the paper, roughly: a page at 150 dots per inch.
    subprocess.run([tool("pdftoppm", "poppler-utils"), "-r", "150", "-png", pdf, tmp_path / "page"], check=True)
    images = sorted(tmp_path.glob("page*.png"))
    scan = subprocess.run(
        [tool("zbarimg", "zbar-tools"), "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *images],
        capture_output=True,
        text=True,
        check=False,  # exits 4 when it finds no code, which the assertion below reports better
    )
    # Each stop's code is read, and leads to its event's page.
    reached = []
    for url in scan.stdout.split():
        assert url.startswith(f"{live_server.url}/events/"), url
        response = page.request.get(url)
        assert response.ok, url
        reached += re.findall(r'<article class="event-panel" data-slug="([^"]+)"', response.text())
    stops = Tour.objects.get(slug=TOUR).stops.order_by("order")
    assert sorted(reached) == sorted(stops.values_list("event__slug", flat=True))


@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
@pytest.mark.parametrize("width", [1366, 1024])
def test_the_tours_title_keeps_its_room_in_the_bar(page, live_server, content, language, width):
    """The bar's buttons go to a line of their own rather than squeeze the tour's title into a
    column a word wide (in Kazakh, at 1366 px, it took five lines)."""
    page.set_viewport_size({"width": width, "height": 768})
    page.goto(f"{live_server.url}/{language}present/{TOUR}/")
    page.wait_for_selector("#presentation[data-ready=true]")
    lines = page.locator(".present-title").evaluate(
        "title => Math.round(title.getBoundingClientRect().height / parseFloat(getComputedStyle(title).lineHeight))"
    )
    assert lines <= 2
    assert page.locator(".present-title").bounding_box()["width"] >= 12 * 16


OVERLAPS = """labels => {
  const boxes = labels.filter((label) => label.getBBox().width > 0 && getComputedStyle(label).display !== "none")
    .map((label) => label.getBoundingClientRect());
  return boxes.slice(1).filter((box, i) => box.left < boxes[i].right).length;
}"""


@pytest.mark.parametrize("language", ["", "kk/"])
def test_on_a_phone_each_slide_is_whole_above_its_map(page, live_server, content, language):
    """A phone reads the slideshow as a page that scrolls: every slide whole (it had a third of the
    screen and was cut mid-line), its map below it; the next slide is read from its top."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}present/{TOUR}/")
    page.wait_for_selector("#presentation[data-ready=true]")
    count = page.locator(".slide").count()
    for number in range(1, count + 1):
        if number > 1:
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")  # read to the end
            page.keyboard.press("ArrowRight")
        page.wait_for_function("(n) => location.hash === `#${n}`", arg=number)
        whole = page.evaluate(
            """() => { const list = document.getElementById('slides');
                 const slide = list.querySelector('.slide:not([hidden])');
                 const map = document.getElementById('present-map-wrap').getBoundingClientRect();
                 return { cut: list.scrollHeight - list.clientHeight, top: slide.getBoundingClientRect().top,
                          below: map.top >= slide.getBoundingClientRect().bottom }; }"""
        )
        assert whole["cut"] <= 1, number
        assert whole["below"], number
        assert whole["top"] >= -1, number  # from its top, not where the last one was read to


def fades(tools):
    """How far (px) the tool row fades at its start and its end, once the page has drawn a frame."""
    return tools.evaluate(
        """(tools) => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
             const style = getComputedStyle(tools);
             const read = (name) => Math.round(parseFloat(style.getPropertyValue(name)) || 0);
             done({ start: read("--tools-fade-start"), end: read("--tools-fade-end") });
           })))"""
    )


@pytest.mark.parametrize("language", ["", "kk/"])
def test_on_a_phone_the_slideshow_fits_its_width_and_its_years_are_readable(page, live_server, content, language):
    """390 px wide: the bar's buttons make one row the width of the screen, scrolled sideways, instead
    of running off it (the page wider than the screen) or piling up over the slide; the years under
    the slides are not printed over one another."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}present/{TOUR}/")
    page.wait_for_selector("#presentation[data-ready=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tools = page.locator(".present-tools")
    box = tools.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    tops = tools.locator("> :visible").evaluate_all("items => items.map((item) => item.getBoundingClientRect().top)")
    assert len(tops) >= 4
    assert len(set(tops)) == 1  # one row
    # It says it scrolls: the edge with more tools beyond it fades out, the other does not.
    assert fades(tools) == {"start": 0, "end": 40}
    tools.evaluate("tools => tools.scrollBy(1000, 0)")  # the last reached by scrolling it
    assert fades(tools) == {"start": 40, "end": 0}
    last = tools.locator("> :visible").last.bounding_box()
    assert last["x"] + last["width"] <= 390
    labels = page.locator(".mini-label")
    assert page.locator(".mini-label", has_text="2011").is_visible()
    assert page.locator(".mini-label").evaluate_all(OVERLAPS) == 0
    assert labels.count() > 10


OVERLAP = """([a, b]) => {
  const [p, q] = [document.querySelector(a).getBoundingClientRect(), document.querySelector(b).getBoundingClientRect()];
  return p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1;
}"""


@pytest.mark.parametrize(("language", "width", "height"), [("ru/", 1366, 768), ("kk/", 1366, 768), ("", 390, 844)])
def test_the_presenters_panel_covers_neither_the_bar_nor_the_slide(page, live_server, content, language, width, height):
    """Beside the slide on a screen (under the bar, however many lines Russian's or Kazakh's longer
    labels make it), below the slide on a phone, where the slide keeps the screen's width: every
    button and link of the bar can be clicked."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/{language}present/{TOUR}/?notes=1#3")
    page.wait_for_selector("#presentation[data-ready=true]")
    assert page.locator("#presenter-panel").is_visible()
    assert not page.evaluate(OVERLAP, [".present-bar", "#presenter-panel"])
    assert not page.evaluate(OVERLAP, ["#slides", "#presenter-panel"])  # the slide scrolls within it
    covered = page.evaluate(
        """() => [...document.querySelectorAll('.present-bar a, .present-bar button')]
            .filter((element) => element.offsetParent && element.getBoundingClientRect().width)
            .filter((element) => { const box = element.getBoundingClientRect();
              const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
              return at && !element.contains(at) && box.right <= innerWidth; })
            .map((element) => element.textContent.trim())"""
    )
    assert covered == []
    if width < 800:
        assert page.locator(".slide:not([hidden]) .slide-title").bounding_box()["width"] > 0.8 * width


FITS = "() => { const list = document.getElementById('slides'); return list.scrollHeight <= list.clientHeight + 1; }"


@pytest.mark.parametrize("language", ["", "ru/", "kk/"])
def test_every_slide_fits_a_1366_by_768_screen_in_every_language(page, live_server, content, language):
    """Read from the back of a room, not scrolled: each slide of each tour fits the screen of a
    classroom's projector, its type made smaller where its text is long (never below 60 %)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    for tour in Tour.objects.published():
        page.goto(f"{live_server.url}/{language}present/{tour.slug}/#1")
        page.wait_for_selector("#presentation[data-ready=true]")
        total = page.locator(".slide").count()
        scales = []
        for number in range(1, total + 1):
            if number > 1:
                page.keyboard.press("ArrowRight")
                page.wait_for_function(f"() => location.hash === '#{number}'")
            assert page.evaluate(FITS), (tour.slug, number)
            scales.append(float(page.evaluate("document.getElementById('slides').style.getPropertyValue('--fit')")))
        assert min(scales) >= 0.6
