"""The accounts of a disagreement, side by side, fit a phone's screen."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_death_toll_table_fits_a_phone_without_scrolling_sideways(page, live_server, content):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/events/2011-12-16-zhanaozen-shooting/")
    table = page.locator(".accounts table")
    assert table.locator("tbody tr").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = table.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    if os.environ.get("SCREENSHOT_DIR"):  # for a person to look at: SCREENSHOT_DIR=/tmp/…
        table.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "accounts-390.png"))
    assert page.console_errors == []
