"""How the explorer loads: nothing moves when its scripts draw the map and the timeline (they hold
their place from the first paint), and the first paint does not wait for them."""

import pytest

pytestmark = pytest.mark.browser

SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def test_the_explorer_does_not_move_when_its_scripts_run_on_a_wide_screen(explorer, page):
    page.add_init_script(SHIFTS)
    explorer()
    page.wait_for_timeout(300)
    assert page.evaluate("window.layoutShift") < 0.05


def test_the_map_and_the_timeline_hold_their_place_before_the_scripts_run(page, live_server, content):
    page.route("**/timeline/explorer*.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/")
    assert page.locator("#map-pane").bounding_box()["height"] > 200
    assert page.locator("#timeline").is_visible()
    assert not page.locator(".apply-button").is_visible()  # the filters will apply as they change
