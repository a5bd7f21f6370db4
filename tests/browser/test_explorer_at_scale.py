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
