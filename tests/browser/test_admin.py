import pytest

from geo.models import Place

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
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geo/place/")
    place = Place.objects.get(slug="shetpe")
    # The settings centre the widget on western Kazakhstan: the click lands there.
    assert 40 < place.geom.y < 48
    assert 46 < place.geom.x < 60
    assert page.outside_requests == [] or all("tile.openstreetmap.org" in url for url in page.outside_requests)
