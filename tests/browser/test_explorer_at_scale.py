"""The explorer in Chromium with thousands of events: these tests add them, so they have their own
database each (the tests of test_explorer.py share one)."""

import pytest

from tests.browser.test_explorer import assert_selected, listed_slugs, ordered_slugs, show_all
from timeline.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def many_events(content):
    from timeline.synthetic import make_synthetic_events

    make_synthetic_events(count=2000)
    return Event.objects.published().count()


def test_the_virtual_list_holds_only_the_rows_in_view_and_scrolls_to_the_last(explorer, many_events):
    page = explorer(viewport={"width": 1366, "height": 768})
    show_all(page)
    assert len(listed_slugs(page)) == many_events
    rows = page.locator("#virtual-list > li")
    assert 0 < rows.count() <= 60
    assert rows.first.get_attribute("aria-setsize") == str(many_events)
    # Scrolled to the end, the last event is there, in its place in the whole list.
    page.locator("#event-list-pane").evaluate("pane => (pane.scrollTop = pane.scrollHeight)")
    last = ordered_slugs()[-1]
    page.wait_for_selector(f"#event-{last}")
    assert page.locator(f"#event-{last}").get_attribute("aria-posinset") == str(many_events)
    assert rows.count() <= 60
    page.click(f"#event-{last} h3 a")
    assert_selected(page, last)
    page.keyboard.press("ArrowLeft")
    previous = ordered_slugs()[-2]
    assert_selected(page, previous)


def test_phone_page_stays_short_and_its_year_bar_one_line(explorer, many_events):
    page = explorer(viewport={"width": 390, "height": 844})
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3 * 844, height
    bar = page.locator(".year-bar ul")
    button = page.locator(".year-bar button").first
    assert bar.bounding_box()["height"] < 2 * button.bounding_box()["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def rows_cover_the_pane(page):
    """Whether the virtual list's rows reach from the top of its pane's view to the bottom."""
    return page.locator("#event-list-pane").evaluate(
        """pane => {
            const view = pane.getBoundingClientRect();
            const rows = [...pane.querySelectorAll('#virtual-list > li')].map((row) => row.getBoundingClientRect());
            const visible = { top: Math.max(view.top, 0), bottom: Math.min(view.bottom, innerHeight) };
            return rows.some((row) => row.top <= visible.top + 60) && rows.some((row) => row.bottom >= visible.bottom);
        }"""
    )


@pytest.mark.parametrize("sizes", [[(1366, 768), (1366, 2400)], [(390, 844), (1366, 900)], [(1366, 768), (390, 700)]])
def test_the_list_fills_its_pane_again_when_the_window_changes_size(explorer, many_events, sizes):
    (width, height), *others = sizes
    page = explorer(viewport={"width": width, "height": height})
    show_all(page)
    assert rows_cover_the_pane(page)
    for width, height in others:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert rows_cover_the_pane(page), (width, height)
        # Each row right under the one before, neither overlapping it nor leaving a gap.
        boxes = sorted(
            page.locator("#virtual-list > li").evaluate_all(
                "rows => rows.map((row) => [row.getBoundingClientRect().top, row.offsetHeight])"
            )
        )
        assert all(abs(b[0] - a[0] - a[1]) < 1 for a, b in zip(boxes, boxes[1:], strict=False))
