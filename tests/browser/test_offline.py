"""A classroom that loses its connection: a tour once loaded reloads and steps through offline, a
tour saved for offline opens pages never visited, and the slides' map names its places on the
outline. The service worker lives in each test's own browser context, gone with it."""

import pytest

from tests.browser.conftest import wait_for_outline
from tours.models import Tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOUR = "the-2011-strike-and-the-massacre"


def open_tour(page, live_server, suffix=""):
    page.goto(f"{live_server.url}/present/{TOUR}/{suffix}")
    page.wait_for_selector("#presentation[data-ready=true]")
    # The worker has kept this page and what it loaded.
    page.wait_for_selector("#save-offline[data-kept=true]", state="attached", timeout=8000)
    return page


def visible_slide(page):
    return int(page.locator(".slide:not([hidden])").get_attribute("data-number"))


def test_a_tour_once_loaded_reloads_and_steps_through_offline(page, live_server, content):
    open_tour(page, live_server, "#2")
    # An event page opened from a slide, online: kept too.
    page.locator("#slide-2 a", has_text="The event's page").click()
    page.wait_for_load_state()
    event_title = page.locator("h1").inner_text()
    page.go_back()
    page.wait_for_selector("#presentation[data-ready=true]")

    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#presentation[data-ready=true]")
    assert visible_slide(page) == 2
    page.keyboard.press("ArrowRight")
    assert visible_slide(page) == 3
    page.wait_for_selector("#present-map.offline-basemap", timeout=8000)
    wait_for_outline(page, "#present-map")
    page.keyboard.press("ArrowLeft")
    page.locator("#slide-2 a", has_text="The event's page").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == event_title
    assert not page.console_errors, page.console_errors


def test_a_tour_saved_for_offline_opens_a_stop_never_visited(page, live_server, content):
    open_tour(page, live_server)
    button = page.locator("#save-offline")
    assert button.is_visible()
    button.click()
    page.wait_for_selector("#save-offline[data-state=saved]", timeout=8000)
    last = Tour.objects.get(slug=TOUR).stops.order_by("-order").first().event

    page.context.set_offline(True)
    page.goto(f"{live_server.url}{last.get_absolute_url()}")
    assert page.locator("h1").inner_text() == last.title
    page.wait_for_selector(".mini-map.offline-basemap", timeout=8000)
    wait_for_outline(page, ".mini-map")
    page.goto(f"{live_server.url}/present/{TOUR}/handout/")
    assert page.locator(".stop").count() == Tour.objects.get(slug=TOUR).stops.count()
    page.goto(f"{live_server.url}/present/{TOUR}/?notes=1")
    page.wait_for_selector("#presentation[data-ready=true]")
    assert not page.console_errors, page.console_errors


def test_the_slides_and_the_handout_maps_name_their_places(page, live_server, content):
    tour = Tour.objects.get(slug=TOUR)
    first = tour.stops.order_by("order").first().event
    page.goto(f"{live_server.url}/present/{TOUR}/")
    # Without tiles (no other host here), the outline, and the place of the slide named beside it.
    page.wait_for_selector("#present-map.offline-basemap", timeout=8000)
    wait_for_outline(page, "#present-map")
    page.wait_for_function(
        "name => [...document.querySelectorAll('#present-map .place-label')].some((l) => l.textContent === name)",
        arg=first.place.name,
        timeout=8000,
    )
    labels = page.locator("#present-map .place-label-text").evaluate_all(
        "els => els.map((el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)

    page.goto(f"{live_server.url}/present/{TOUR}/handout/")
    first_map = page.locator(".stop").first.locator("svg.static-map")
    first_map.locator(".place-name").first.wait_for()
    assert first.place.name in first_map.locator(".place-name").all_text_contents()
    assert not page.console_errors, page.console_errors
    assert not page.csp_violations, page.csp_violations


def test_a_new_version_of_the_worker_keeps_what_the_last_one_kept(page, live_server, content, monkeypatch):
    from zhanaozen import offline

    open_tour(page, live_server)
    old = page.evaluate("caches.keys()")
    # A deploy: the worker's script changes, and the browser finds the new one at its next check.
    source = offline._source()
    monkeypatch.setattr(offline, "_source", lambda: source + "\n// deployed again\n")
    offline.worker_version.cache_clear()
    try:
        page.evaluate(
            """async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              await registration.update();
              const next = registration.installing || registration.waiting;
              if (next) await new Promise((done) =>
                next.addEventListener("statechange", () => next.state === "activated" && done()));
            }"""
        )
    finally:
        offline.worker_version.cache_clear()
    new = page.evaluate("caches.keys()")
    assert len(old) == len(new) == 1
    assert old != new  # the old cache is gone
    kept = page.evaluate("async () => (await (await caches.open((await caches.keys())[0])).keys()).map((r) => r.url)")
    assert f"{live_server.url}/present/{TOUR}/" in kept
    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#presentation[data-ready=true]")
