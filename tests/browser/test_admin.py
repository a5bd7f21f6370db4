import pytest

from geo.models import Place
from tests.browser.conftest import wait_for_outline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_sets_a_place_by_clicking_the_map(signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/admin/geo/place/add/")
    page.locator("#id_name_en").press_sequentially("Shetpe")
    assert page.input_value("#id_slug") == "shetpe"  # prefilled from the name
    page.select_option("#id_kind", "village")
    page.click(".leaflet-draw-draw-marker")
    map_box = page.locator("#id_geom-map, #id_geom_map, .leaflet-container").first.bounding_box()
    page.mouse.click(map_box["x"] + map_box["width"] / 2, map_box["y"] + map_box["height"] / 2)
    assert '"Point"' in page.input_value("#id_geom")
    # The click fills the coordinates in too.
    assert 40 < float(page.input_value("#id_latitude")) < 48
    assert 46 < float(page.input_value("#id_longitude")) < 60
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geo/place/")
    place = Place.objects.get(slug="shetpe")
    # The settings centre the widget on western Kazakhstan: the click lands there.
    assert 40 < place.geom.y < 48
    assert 46 < place.geom.x < 60
    assert page.outside_requests == [] or all("tile.openstreetmap.org" in url for url in page.outside_requests)


def test_the_place_map_offline_draws_the_outline_and_follows_typed_coordinates(signed_in_page, live_server):
    page = signed_in_page  # every request but the test server's is refused: no tiles
    page.goto(f"{live_server.url}/admin/geo/place/add/")
    outline = wait_for_outline(page, "#id_geom-map")
    # It covers the map (Kazakhstan and its neighbours in view).
    box = page.locator("#id_geom-map").bounding_box()
    assert outline["x"] <= box["x"]
    assert outline["x"] + outline["width"] >= box["x"] + box["width"]
    assert outline["y"] <= box["y"]
    assert outline["y"] + outline["height"] >= box["y"] + box["height"]
    # Under the tiles (where they load, they cover it), not over them.
    z_index = "(name) => Number(getComputedStyle(document.querySelector(`#id_geom-map .leaflet-${name}-pane`)).zIndex)"
    assert page.evaluate(z_index, "basemap") < page.evaluate(z_index, "tile")
    page.locator("#id_name_en").press_sequentially("Zhanaozen")
    page.fill("#id_latitude", "43.341")
    page.fill("#id_longitude", "52.862")
    marker = page.locator("#id_geom-map .leaflet-marker-icon")
    assert marker.count() == 1
    first = marker.bounding_box()
    page.fill("#id_longitude", "52.4")  # west: the marker moves left
    assert marker.bounding_box()["x"] < first["x"] - 5
    page.fill("#id_longitude", "52.862")
    assert '"coordinates":[52.862,43.341]' in page.input_value("#id_geom").replace(" ", "")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geo/place/")
    place = Place.objects.get(slug="zhanaozen")
    assert (place.geom.x, place.geom.y) == (52.862, 43.341)
    assert page.console_errors == []
    assert page.csp_violations == []


def test_two_editors_save_the_same_event_and_the_second_keeps_their_text(signed_in_page, browser, live_server):
    from tests.conftest import PASSWORD
    from tests.factories import EventFactory
    from timeline.models import Event
    from timeline.services import create_editor

    event = EventFactory(slug="trial", title="Trial", summary="The trial began.", status="published")
    url = f"{live_server.url}/admin/timeline/event/{event.pk}/change/"
    create_editor(username="second", email="second@example.org", password=PASSWORD)
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # a second editor's own browser
    try:
        second = context.new_page()
        second.route("**/*", lambda route: route.continue_() if live_server.url in route.request.url else route.abort())
        second.goto(f"{live_server.url}/admin/login/?next={url}")
        second.fill("#id_username", "second")
        second.fill("#id_password", PASSWORD)
        second.click("input[type=submit]")
        second.wait_for_url(url)
        first = signed_in_page
        first.goto(url)

        first.fill("#id_title_en", "Trial of the oil workers")
        second.fill("#id_title_en", "The trial in Aktau")
        second.fill("#id_summary_en", "The trial of 37 oil workers began in Aktau.")
        first.click("input[name=_save]")
        first.wait_for_url(f"{live_server.url}/admin/timeline/event/")
        second.click("input[name=_save]")
        second.wait_for_load_state()

        assert "was changed by someone else" in second.locator("ul.errorlist").first.inner_text()
        history = second.get_by_role("link", name="See its history.")
        assert history.get_attribute("href") == f"/admin/timeline/event/{event.pk}/history/"
        assert second.input_value("#id_title_en") == "The trial in Aktau"
        assert second.input_value("#id_summary_en") == "The trial of 37 oil workers began in Aktau."
        assert Event.objects.get(pk=event.pk).title == "Trial of the oil workers"
    finally:
        context.close()


def test_a_quotations_translation_boxes_are_read_only_until_the_english_is_a_summary(signed_in_page, live_server):
    """On the event's page in the admin: a quotation's Russian and Kazakh passage boxes are read-only and
    say why; they open as the English becomes a summary, and close again when it stops being one. A box
    holding text stays open (the form's check says what to do with it), and so does a summary's."""
    from tests.factories import EventFactory, SourceFactory
    from timeline.models import SUMMARY_PREFIX, Citation

    event = EventFactory(slug="massacre", cited=False)
    Citation.objects.create(event=event, source=SourceFactory(slug="levy"), locator="“police opened fire”")
    reuters = SourceFactory(slug="reuters")
    summary = Citation.objects.create(event=event, source=reuters, locator=f"{SUMMARY_PREFIX} Fire.")
    page = signed_in_page
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    boxes = {
        "quotation": {lang: page.locator(f"textarea[name$='-locator_{lang}']").nth(0) for lang in ("en", "ru", "kk")},
        "summary": {lang: page.locator(f"textarea[name$='-locator_{lang}']").nth(1) for lang in ("en", "ru", "kk")},
    }
    assert boxes["summary"]["en"].input_value().startswith(SUMMARY_PREFIX)
    note = "Only a summary is translated: a quotation stays in its source's words."
    for lang in ("ru", "kk"):
        box = boxes["quotation"][lang]
        assert box.evaluate("box => box.readOnly")
        assert box.get_attribute("placeholder") == note
        assert not boxes["summary"][lang].evaluate("box => box.readOnly")
    assert not boxes["quotation"]["en"].evaluate("box => box.readOnly")
    english = boxes["quotation"]["en"]
    english.fill(f"{SUMMARY_PREFIX} Police fired on the crowd.")
    assert not boxes["quotation"]["ru"].evaluate("box => box.readOnly")
    assert boxes["quotation"]["ru"].get_attribute("placeholder") == ""
    boxes["quotation"]["ru"].fill("Полиция стреляла в толпу.")
    english.fill("“police opened fire”")
    assert not boxes["quotation"]["ru"].evaluate("box => box.readOnly")  # it holds text: left open
    assert boxes["quotation"]["kk"].evaluate("box => box.readOnly")
    # A citation added on the page: its boxes too.
    page.click("#citations-group .add-row a")
    added = page.locator("textarea[name='citations-2-locator_ru']")
    assert added.evaluate("box => box.readOnly")
    assert page.console_errors == []
    assert page.csp_violations == []
    assert Citation.objects.get(pk=summary.pk).locator_en.startswith(SUMMARY_PREFIX)
