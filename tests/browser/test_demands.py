"""The page of demands in a browser, on screen and printed for a class."""

import pytest

from tests.factories import DemandFactory, EventFactory, OutcomeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demands_print_without_the_sites_chrome_and_with_their_sources(page, live_server):
    demand = DemandFactory(slug="release-sokolova", text="To release Natalia Sokolova.")
    demand.source.url = "https://example.org/demands"
    demand.source.save()
    OutcomeFactory(demand=demand, event=EventFactory(title="Natalia Sokolova sentenced"), note="No release recorded.")
    page.goto(f"{live_server.url}/demands/")

    # On screen: the header, "asked" beside "what happened", and a button that prints.
    assert page.locator(".site-header").is_visible()
    item = page.locator("#release-sokolova")
    asked, happened = item.locator(".asked").bounding_box(), item.locator(".happened").bounding_box()
    assert asked["x"] < happened["x"]
    assert abs(asked["y"] - happened["y"]) < 2
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printed")

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.get_by_role("button", name="Print this page").is_visible()
    assert page.locator(".printed-from").is_visible()
    source = page.locator(".demand-source a")
    assert source.is_visible()
    shown_address = source.evaluate("link => getComputedStyle(link, '::after').content")
    assert "https://example.org/demands" in shown_address
    assert item.locator("blockquote").is_visible()  # the source's passage
    assert item.get_by_text("No release recorded.").is_visible()
    assert page.console_errors == []
    assert page.csp_violations == []
