"""The timeline on its canvas, in Chromium: bins where events crowd, marks as 24 px targets chosen by
pointer or keyboard, the period in view announced (``timeline:range``), the opening period and the
landmarks the page gives it. The drawing is read through the test hook ``container.timeline``."""

import datetime
import json

import pytest

from tests.browser.conftest import address
from tests.browser.test_explorer import MASSACRE, TIMELINE, around_the_massacre, assert_selected, mark_position, time
from timeline.models import CHRONOLOGY, Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def crowd_one_day(count, day="2011-12-16"):
    """``count`` more published events, all on one day."""
    from timeline.synthetic import PREFIX, make_synthetic_events

    make_synthetic_events(count=count)
    Event.objects.filter(slug__startswith=PREFIX).update(
        start_date=datetime.date.fromisoformat(day), date_precision="day"
    )
    return [f"{PREFIX}{number}" for number in range(count)]


def test_a_crowded_day_is_drawn_as_a_bin_with_its_count_and_a_click_zooms_into_it(explorer):
    slugs = crowd_one_day(40)
    page = explorer()
    where = mark_position(page, slugs[0], kind="bin")
    assert where["count"] >= 40
    assert where["width"] >= 24
    assert where["height"] >= 24
    # Hit-testing at the bin's centre finds the bin, not a mark.
    hit = page.evaluate(
        f"""([x, y]) => {{ const t = {TIMELINE}; const box = t.canvas.getBoundingClientRect();
             const item = t.hitAt(x - box.left, y - box.top); return item && [item.kind, item.count]; }}""",
        [where["cx"], where["cy"]],
    )
    assert hit == ["bin", where["count"]]
    before = page.evaluate(f"{TIMELINE}.range")
    page.mouse.click(where["cx"], where["cy"])
    page.wait_for_function(
        f"(span) => {TIMELINE}.range.end - {TIMELINE}.range.start < span", arg=before["end"] - before["start"]
    )
    after = page.evaluate(f"{TIMELINE}.range")
    assert after["start"] <= time("2011-12-16") <= after["end"]
    assert "event" not in address(page)  # a bin zooms in; it selects nothing


def test_marks_are_24px_targets_and_a_click_near_the_edge_selects(explorer):
    page = explorer()
    around_the_massacre(page)
    mark = mark_position(page, MASSACRE)
    sizes = page.evaluate(
        f"""() => {{ const t = {TIMELINE};
             return t.view.items.filter((item) => item.kind === "mark").map((item) => t.boxOf(item))
               .map((box) => [box.width, box.height]); }}"""
    )
    assert sizes
    assert min(min(size) for size in sizes) >= 24
    # 11 px right of the mark's centre, then 11 px above it, still the mark.
    page.mouse.move(mark["cx"] + 11, mark["cy"])
    assert "Police fire on the crowd" in page.locator("#tooltip").inner_text()
    page.mouse.click(mark["cx"], mark["cy"] - 11)
    assert_selected(page, MASSACRE)


def test_the_keyboard_goes_from_mark_to_mark_and_enter_selects(explorer):
    page = explorer()
    around_the_massacre(page)
    mark_position(page, MASSACRE)
    page.locator("#timeline-canvas").focus()
    page.keyboard.press("Home")
    live = page.locator("#timeline-canvas-live")
    said = [live.inner_text()]
    for _ in range(60):
        if "Police fire on the crowd" in said[-1]:
            break
        page.keyboard.press("ArrowRight")
        said.append(live.inner_text())
    assert "Police fire on the crowd" in said[-1], said
    assert len(set(said)) == len(said)  # each press moved on
    assert "event" not in address(page)  # moving selects nothing
    page.keyboard.press("Enter")
    assert_selected(page, MASSACRE)


def test_timeline_range_is_announced_once_a_zoom_settles(explorer):
    page = explorer()
    page.evaluate(
        """() => { window.ranges = [];
             document.getElementById("timeline-canvas")
               .addEventListener("timeline:range", (e) => window.ranges.push(e.detail)); }"""
    )
    page.wait_for_timeout(300)  # the first one, for the opening view, has gone
    page.evaluate("window.ranges = []")
    before = page.evaluate(f"{TIMELINE}.range")
    page.locator("#timeline-canvas").focus()
    page.keyboard.press("+")
    page.keyboard.press("+")
    page.wait_for_function("() => window.ranges.length > 0", timeout=5000)
    page.wait_for_timeout(400)
    ranges = page.evaluate("window.ranges")
    assert len(ranges) == 1, ranges  # two presses in quick succession: one event, once settled
    # Each + halves the period in view (the opening period: May to December 2011).
    assert ranges[0]["end"] - ranges[0]["start"] == pytest.approx((before["end"] - before["start"]) / 4)
    assert ranges[0] == page.evaluate(f"{TIMELINE}.range")


def with_timeline_attributes(page, attributes):
    """Serve the explorer with these attributes on ``#timeline`` (as the page's template gives them)."""

    def route(route):
        if route.request.resource_type != "document":
            route.fallback()  # to the page fixture's route: this host only
            return
        response = route.fetch()
        extra = " ".join(f"{name}='{value}'" for name, value in attributes.items())
        body = response.text().replace('id="timeline"', f'id="timeline" {extra}', 1)
        route.fulfill(response=response, body=body)

    page.route("**/*", route)


def test_the_opening_period_and_the_landmark_the_page_gives(explorer, page):
    label = "16 December 2011: police fire on the strikers"
    with_timeline_attributes(
        page,
        {
            "data-initial-range": "2011-05-01/2011-12-31",
            "data-landmarks": json.dumps([{"day": "2011-12-16", "label": label}]),
        },
    )
    explorer()
    page.wait_for_function(f"() => {TIMELINE}.drawnLandmarks?.length > 0")
    # Both days in it: the period ends as 31 December ends, so December's bar is whole.
    assert page.evaluate(f"{TIMELINE}.range") == {"start": time("2011-05-01"), "end": time("2012-01-01")}
    december = page.evaluate(
        f"""() => {{ const t = {TIMELINE};
             return t.view.items.filter((item) => item.kind === "bin" && item.start >= {time("2011-12-01") // 86400000})
               .map((item) => [item.x, item.x2, t.width]); }}"""
    )
    assert december
    for left, right, width in december:
        assert 0 < left < right <= width + 0.5
    landmarks = page.evaluate(f"{TIMELINE}.drawnLandmarks")
    assert [mark["label"] for mark in landmarks] == [label]
    width = page.evaluate(f"{TIMELINE}.width")
    assert 0.8 * width < landmarks[0]["x"] < width
    # Named for screen readers too (the canvas' fallback content).
    assert label in page.locator("#timeline-canvas canvas.timeline-drawing").text_content()
    assert page.locator("#timeline-range").inner_text() == "1 May 2011 – 31 December 2011"


def test_the_selected_event_in_a_bin_leaves_its_count_and_the_landmark_readable(explorer):
    """In the opening period the massacre is in December's bin, under the landmark's label: its dot
    is drawn on the bar below the bin's count, covering neither the count nor the label."""
    page = explorer(f"?event={MASSACRE}")
    mark_position(page, MASSACRE, kind="bin")
    page.wait_for_function("() => !document.querySelector('#timeline-canvas canvas.timeline-selection').hidden")
    drawn = page.evaluate(
        f"""(slug) => {{ const t = {TIMELINE}; const index = t.bySlug.get(slug);
             const bin = t.view.items.find((item) => item.kind === "bin" && item.indexes.includes(index));
             const overlay = document.querySelector('#timeline-canvas canvas.timeline-selection');
             const host = t.canvas.getBoundingClientRect(); const box = overlay.getBoundingClientRect();
             const scale = overlay.width / box.width;
             const pixels = overlay.getContext('2d').getImageData(0, 0, overlay.width, overlay.height).data;
             let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
             for (let i = 0; i < pixels.length / 4; i += 1) {{
               if (!pixels[i * 4 + 3]) continue;
               const x = (i % overlay.width) / scale + box.left - host.left;
               const y = Math.floor(i / overlay.width) / scale + box.top - host.top;
               top = Math.min(top, y); bottom = Math.max(bottom, y);
               left = Math.min(left, x); right = Math.max(right, x);
             }}
             return {{ dot: {{ top, bottom, left, right }}, badge: t.countBadge(bin), bin: [t.binTop(bin), t.base],
                       day: t.x(t.startDays[index] * 86400000) }}; }}""",
        MASSACRE,
    )
    dot, badge = drawn["dot"], drawn["badge"]
    assert dot["left"] <= drawn["day"] <= dot["right"]
    apart = dot["right"] < badge["left"] or dot["left"] > badge["right"] or dot["top"] > badge["bottom"]
    assert apart or dot["bottom"] < badge["top"], (dot, badge)
    assert drawn["bin"][0] < dot["top"]  # on the bar
    assert dot["bottom"] < drawn["bin"][1]
    assert dot["top"] > 17  # below the landmark's label (2–17 px)


def overlay_centre(page):
    """The centre of the canvas the selected event is drawn on, in the page's coordinates (or None
    when it is hidden)."""
    return page.evaluate(
        """() => { const overlay = document.querySelector('#timeline-canvas canvas.timeline-selection');
             if (overlay.hidden) return null;
             const box = overlay.getBoundingClientRect();
             const g = overlay.getContext('2d');
             const pixels = g.getImageData(0, 0, overlay.width, overlay.height).data;
             let drawn = 0;
             for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) drawn += 1;
             return { x: box.left + box.width / 2, y: box.top + box.height / 2, drawn }; }"""
    )


def test_the_selected_event_is_drawn_over_its_mark_and_the_next_redraws_only_that(explorer):
    """The selected event's mark is drawn on a canvas of its own over the timeline; selecting the
    next event (→) moves and redraws that canvas, not the whole drawing."""
    slugs = list(Event.objects.published().order_by(*CHRONOLOGY).values_list("slug", flat=True))
    following = slugs[slugs.index(MASSACRE) + 1]
    assert Event.objects.get(slug=following).start_date <= datetime.date(2011, 12, 18)
    page = explorer(f"?event={MASSACRE}")
    assert_selected(page, MASSACRE)
    around_the_massacre(page)
    for slug in (MASSACRE, following):
        if slug == following:
            page.evaluate(
                f"""() => {{ window.redraws = 0;
                     {TIMELINE}.container.addEventListener('timeline:render', () => (window.redraws += 1)); }}"""
            )
            page.keyboard.press("ArrowRight")
            assert_selected(page, following)
        mark = mark_position(page, slug)
        page.wait_for_function(
            """([x, y]) => { const overlay = document.querySelector('#timeline-canvas canvas.timeline-selection');
                 const box = overlay.getBoundingClientRect();
                 return !overlay.hidden && Math.abs(box.left + box.width / 2 - x) <= 1
                   && Math.abs(box.top + box.height / 2 - y) <= 1; }""",
            arg=[mark["cx"], mark["cy"]],
        )
        assert overlay_centre(page)["drawn"] > 100  # the mark and its rings
    assert page.evaluate("window.redraws") == 0
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('#timeline-canvas canvas.timeline-selection').hidden")


def test_the_timeline_is_drawn_once_as_the_page_opens_and_again_when_its_size_changes(page, live_server, content):
    """The first drawing is the only one until something changes: the size observer's first report,
    which comes with the page's first frame, finds the size already drawn at. A new size is drawn."""
    page.add_init_script(
        "window.renders = 0; document.addEventListener('timeline:render', () => (window.renders += 1), true);"
    )
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#explorer[data-ready=true]")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(300)
    assert page.evaluate("window.renders") == 1
    width = page.evaluate(f"{TIMELINE}.width")
    page.set_viewport_size({"width": 1100, "height": 900})
    page.wait_for_function(f"() => {TIMELINE}.width < {width}")
    page.wait_for_function("() => window.renders === 2")
    drawn = page.evaluate(
        f"""() => {{ const box = document.getElementById('timeline-canvas').getBoundingClientRect();
             return [{TIMELINE}.width, box.width, {TIMELINE}.canvas.width / devicePixelRatio]; }}"""
    )
    assert drawn[0] == drawn[1]
    assert abs(drawn[2] - drawn[1]) <= 1  # the canvas's pixels, whole
