"""A tour of one's own in Chromium: made in the builder (search, drag, buttons), carried in its address,
presented between its opening and closing slides, with its notes in the presenter view, and printed."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import address
from tours.address import encode_notes

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

JOIN = "2011-05-16-ozenmunaigaz-workers-join"  # Zhanaozen
SHOOTING = "2011-12-16-zhanaozen-shooting"  # Zhanaozen
VERDICTS = "2012-05-21-shetpe-verdicts"  # Shetpe


def visible_slide(page):
    return int(page.locator(".slide:not([hidden])").get_attribute("data-number"))


def slugs(page, selector):
    return page.eval_on_selector_all(selector, "nodes => nodes.map((node) => node.dataset.slug)")


def test_a_tour_from_its_address_opens_on_its_title_and_ends_on_its_sources(page, live_server, content):
    notes = encode_notes(["", "Ask who was on the square."])
    tour = f"/present/?events={VERDICTS},{SHOOTING}&title=%D0%A3%D1%80%D0%BE%D0%BA&stopnotes={notes}"
    page.goto(f"{live_server.url}{tour}")
    page.wait_for_selector("#presentation[data-ready=true]")
    assert visible_slide(page) == 1
    assert page.locator(".slide-opening .slide-title").inner_text() == "Урок"
    # The map shows the tour's two places at once.
    page.wait_for_function("() => document.querySelectorAll('#present-map path.leaflet-interactive').length === 2")
    assert slugs(page, ".slide[data-slug]") == [VERDICTS, SHOOTING]
    page.keyboard.press("End")
    assert visible_slide(page) == 4
    closing = page.locator(".slide-closing")
    assert closing.is_visible()
    assert closing.locator("svg.segno").is_visible()
    assert closing.get_by_role("link", name="CC BY-SA 4.0").get_attribute("href") == (
        "https://creativecommons.org/licenses/by-sa/4.0/"
    )
    assert address(page).endswith("#4")
    assert page.console_errors == []

    page.goto(f"{live_server.url}{tour}&notes=1#3")
    page.wait_for_selector("body.presenter-mode #presentation[data-ready=true]")
    assert page.locator("#presenter-note").inner_text() == "Ask who was on the square."
    assert page.locator("#presenter-next").inner_text() == "Sources"  # the closing slide has no date


def test_the_builder_reorders_removes_and_makes_an_address_that_presents_and_prints(page, live_server, content):
    page.goto(f"{live_server.url}/present/build/?events={JOIN},{SHOOTING}")
    page.wait_for_selector("#tour-builder[data-ready=true]")
    # Add an event found as the explorer finds it.
    page.fill("#builder-q", "Shetpe")
    page.keyboard.press("Enter")
    page.locator(f"#builder-results button[value='{VERDICTS}']").click()
    assert slugs(page, ".builder-stop") == [JOIN, SHOOTING, VERDICTS]
    # Drag the last stop to the top (both in view: a test's mouse does not scroll as it drags).
    stops = page.locator(".builder-stop")
    stops.nth(0).evaluate("stop => stop.scrollIntoView({block: 'start'})")
    stops.nth(2).locator(".builder-stop-head").drag_to(stops.nth(0), target_position={"x": 20, "y": 5})
    assert slugs(page, ".builder-stop") == [VERDICTS, JOIN, SHOOTING]
    # With the keyboard: move the second stop down; the focus stays with it.
    page.locator(f".builder-stop[data-slug='{JOIN}'] [data-action=down]").focus()
    page.keyboard.press("Enter")
    assert slugs(page, ".builder-stop") == [VERDICTS, SHOOTING, JOIN]
    assert page.evaluate("document.activeElement.closest('.builder-stop').dataset.slug") == JOIN
    page.locator(f".builder-stop[data-slug='{SHOOTING}'] [data-action=remove]").click()
    assert slugs(page, ".builder-stop") == [VERDICTS, JOIN]
    page.fill("#tour-title", "Мой урок")
    page.locator(f".builder-stop[data-slug='{JOIN}'] textarea").fill("Заметка: «16 мая»")
    title = "%D0%9C%D0%BE%D0%B9+%D1%83%D1%80%D0%BE%D0%BA"  # "Мой урок", as the server writes it
    expected = f"{live_server.url}/present/?events={VERDICTS},{JOIN}&title={title}&stopnotes="
    page.wait_for_function(
        "expected => document.getElementById('tour-address').value.startsWith(expected)", arg=expected
    )
    # The QR code follows once typing pauses: the audience's address, without the notes.
    page.wait_for_function("() => document.getElementById('tour-qr').src.includes('title=')")
    assert "stopnotes" not in page.locator("#tour-qr").get_attribute("src")
    assert page.evaluate("() => document.getElementById('tour-qr').decode().then(() => true)")
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}] == []

    # The presenter view of the address reads the notes the page wrote.
    presenter = page.locator("#open-presenter").get_attribute("href")
    handout = page.locator("#open-handout").get_attribute("href")
    page.goto(f"{live_server.url}{presenter}#3")
    page.wait_for_selector("body.presenter-mode #presentation[data-ready=true]")
    assert slugs(page, ".slide[data-slug]") == [VERDICTS, JOIN]
    assert page.locator("#presenter-note").inner_text() == "Заметка: «16 мая»"
    assert page.locator(".present-title").inner_text() == "Мой урок"

    page.goto(f"{live_server.url}{handout}")
    assert page.locator("h1").inner_text() == "Мой урок"
    titles = page.locator(".stop h2").all_inner_texts()
    assert len(titles) == 2
    assert "Заметка" not in page.content()
    assert re.search(r"Shetpe|Шетпе", titles[0])


@pytest.mark.parametrize("width", [1366, 390])
def test_the_builders_search_field_is_as_large_as_its_title_field(page, live_server, content, width):
    """Styled as the builder's other fields: as tall as the title's (a 24 px target and more on a
    phone), wide enough to read what is typed, and never wider than the screen."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/present/build/")
    search = page.locator("#builder-q").bounding_box()
    title = page.locator(".builder-title input").bounding_box()
    assert search["height"] >= 24
    assert abs(search["height"] - title["height"]) <= 4
    assert search["width"] >= 200
    assert search["x"] + search["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
