"""axe-core on every public page type: no serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

PAGES = [
    "/",
    "/?event=2011-12-16-zhanaozen-shooting",
    "/?q=no-such-words-anywhere",
    "/events/2011-12-16-zhanaozen-shooting/",
    "/places/zhanaozen/",
    "/sources/",
    "/demands/",
    "/no-such-page/",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}], ids=["wide", "phone"]
)
def test_no_serious_accessibility_violations(page, live_server, content, axe, path, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}{path}")
    if path.startswith("/?") or path == "/":
        page.wait_for_selector("#explorer[data-ready=true]")
    page.wait_for_load_state("networkidle")
    results = axe.run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_everything_on_the_explorer_is_reachable_by_keyboard_with_visible_focus(page, live_server, content):
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#explorer[data-ready=true]")
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {id: el.id || el.className || el.tagName, outline: style.outlineStyle !== 'none'
                        || style.boxShadow !== 'none' || el.matches('.chip input')};
            }"""
        )
        seen.add(info["id"])
        assert info["outline"], f"no visible focus on {info['id']}"
    assert {"filter-q", "filter-place", "timeline-canvas"} <= seen
