"""The embeds in another site's page: a page on another origin frames /embed/ and it works there; a
normal page of the site refuses to be framed. The other site is a second server on another origin
(127.0.0.2), so the browser applies frame-ancestors as it would for a news site's page."""

import functools
import http.server
import threading

import pytest

from tests.factories import EventFactory, PlaceFactory
from tours.models import Tour, TourStop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def other_site(page, tmp_path):
    """Another site: a plain HTTP server on 127.0.0.2 (another origin, as a news site's would be; a
    real address, so that Chromium's local network checks see loopback talking to loopback). It
    serves one page with an iframe for each of the given addresses."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.2", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.2:{server.server_address[1]}"
    page.route(f"{origin}/**", lambda route: route.continue_())  # the fixture's page reaches our server only

    def open_framing(*sources):
        frames = "".join(
            f'<iframe src="{src}" width="1200" height="760" title="t{i}"></iframe>' for i, src in enumerate(sources)
        )
        (tmp_path / "article.html").write_text(f"<!doctype html><html><body><h1>News</h1>{frames}</body></html>")
        page.goto(f"{origin}/article.html")

    yield open_framing
    server.shutdown()
    server.server_close()


def test_another_site_can_frame_the_embed_but_not_the_site(page, live_server, other_site):
    event = EventFactory(slug="massacre", title="Police fire on the crowd", place=PlaceFactory(slug="zhanaozen"))
    tour = Tour.objects.create(title="A tour", slug="a-tour", status=Tour.Status.PUBLISHED)
    TourStop.objects.create(tour=tour, event=event, order=1)

    other_site(
        f"{live_server.url}/embed/?place=zhanaozen",
        f"{live_server.url}/ru/embed/tour/a-tour/",
        f"{live_server.url}/places/zhanaozen/",
    )
    embed = page.frame_locator("iframe[title=t0]")
    # The explorer's scripts ran in the frame: the map, the timeline, the list.
    embed.locator("#explorer[data-ready=true]").wait_for()
    assert embed.locator(".embed-full-view").get_attribute("target") == "_blank"
    assert embed.locator(".site-header").count() == 0
    tour_embed = page.frame_locator("iframe[title=t1]")
    tour_embed.locator("#slide-1").wait_for()
    assert tour_embed.locator("html").get_attribute("lang") == "ru"

    # A link that leaves the embed opens in a new tab, not in the frame.
    with page.context.expect_page() as opened:
        embed.locator("#present-selection").click()
    assert "/present/?place=zhanaozen" in opened.value.url

    # The place's own page is refused: the frame holds an error page, not the site.
    (refused,) = [frame for frame in page.frames if frame.url.startswith("chrome-error:")]
    assert refused.locator("#main").count() == 0
    assert page.frame_locator("iframe[title=t2]").locator("#main").count() == 0
    assert not page.csp_violations
