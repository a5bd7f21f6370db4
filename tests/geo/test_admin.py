import html
import json

import pytest
from django.contrib.gis.geos import GEOSGeometry

from geo.models import Place
from tests.factories import EventFactory, PlaceFactory
from tests.forms import form_data
from tests.isolation import in_child_process

pytestmark = pytest.mark.django_db


def test_place_form_uses_the_leaflet_map_widget(editor_client):
    page = editor_client.get("/admin/geo/place/add/").content.decode()
    assert "leaflet/leaflet.js" in page
    assert '<div id="id_geom-map"' in page  # the map the point is set on
    assert '<textarea id="id_geom"' in page  # the field it writes to
    assert "leaflet.draw" in page.lower()


def test_editor_can_add_a_place_with_a_point(editor_client):
    response = editor_client.post(
        "/admin/geo/place/add/",
        {
            "name_en": "Shetpe",
            "slug": "shetpe",
            "kind": "village",
            "geom": '{"type": "Point", "coordinates": [52.12, 44.167]}',
            "area": "",
            "description_en": "Village north of Zhanaozen.",
            "alt_names": "Шетпе",
        },
    )
    assert response.status_code == 302
    place = Place.objects.get(slug="shetpe")
    assert (round(place.geom.x, 3), round(place.geom.y, 3)) == (52.12, 44.167)


def test_place_list_counts_events(editor_client):
    place = PlaceFactory(slug="aktau", name="Aktau")
    EventFactory(place=place)
    EventFactory(place=place)
    page = editor_client.get("/admin/geo/place/").content.decode()
    assert 'class="field-event_count">2<' in page


def test_place_in_use_cannot_be_deleted_from_under_its_events(editor_client):
    place = PlaceFactory(slug="aktau", name="Aktau")
    EventFactory(place=place)
    page = editor_client.post(f"/admin/geo/place/{place.pk}/delete/", {"post": "yes"})
    assert Place.objects.filter(pk=place.pk).exists()
    assert page.status_code in {200, 403}


ADD_URL = "/admin/geo/place/add/"


def place_form(**overrides):
    return {
        "name_en": "Shetpe",
        "slug": "shetpe",
        "kind": "village",
        "geom": '{"type": "Point", "coordinates": [52.12, 44.167]}',
        "area": "",
        "description_en": "",
        "alt_names": "",
        **overrides,
    }


def errors_of(response, field):
    """The messages the redisplayed place form shows beside ``field``, after checking they are on the page."""
    assert response.status_code == 200
    messages = response.context["adminform"].form.errors.get(field, [])
    page = html.unescape(response.content.decode())
    assert all(message in page for message in messages)
    return " ".join(messages)


@pytest.mark.parametrize(
    ("geom", "message"),
    [
        ('{"type": "Point", "coordinates": ["a", "b"]}', "Coordinates must be numbers (longitude, latitude)"),
        ('{"type": "Point", "coordinates": [NaN, 44.1]}', "Coordinates must be finite numbers, not NaN or infinity"),
        ('{"type": "Point", "coordinates": [52.1, -Infinity]}', "Coordinates must be finite numbers"),
        ('{"type": "Point", "coordinates": [52.1, 1e400]}', "Coordinates must be finite numbers"),
        ('{"type": "Point", "coordinates": [180.5, 44.1]}', "Longitude 180.5 is outside the range −180 to 180"),
        ('{"type": "Point", "coordinates": [-200, 44.1]}', "Longitude -200 is outside the range −180 to 180"),
        ('{"type": "Point", "coordinates": [52.1, 90.01]}', "Latitude 90.01 is outside the range −90 to 90"),
        ('{"type": "Point", "coordinates": [52.1, 44.1, 10]}', "Each position is two numbers, longitude and latitude"),
        ('{"type": "Point", "coordinates": [true, 44.1]}', "Coordinates must be numbers"),
        ('{"type": "LineString", "coordinates": [[52, 44], [53, 45]]}', "This field takes a point, not a line"),
        ("POINT (52 44", "This is not a shape from the map (GeoJSON)"),
    ],
)
def test_bad_coordinates_are_refused_with_a_clear_message(editor_client, geom, message):
    response = editor_client.post(ADD_URL, place_form(geom=geom))
    assert message in errors_of(response, "geom")
    assert not Place.objects.exists()


# Committed, not in a test's transaction: the forked child's request reads the session, which a
# transaction left open in the parent (the editor's sign-in) would hold locked in SQLite's memory.
@pytest.mark.django_db(transaction=True)
def test_a_point_far_off_the_globe_is_refused_without_killing_the_worker(editor_client):
    # GEOS aborts the whole process when it writes out (−1e308, 1e308): post it from a child process
    # so that if it ever reaches GEOS again, this test fails and the suite goes on.
    def post():
        response = editor_client.post(ADD_URL, place_form(geom='{"type": "Point", "coordinates": [-1e308, 1e308]}'))
        return errors_of(response, "geom"), Place.objects.exists()

    message, saved = in_child_process(post)
    assert "Longitude -1e+308 is outside the range −180 to 180" in message
    assert not saved


BOW_TIE = [[52.0, 43.0], [53.0, 44.0], [53.0, 43.0], [52.0, 44.0], [52.0, 43.0]]
SQUARE = [[52.0, 43.0], [53.0, 43.0], [53.0, 44.0], [52.0, 44.0], [52.0, 43.0]]


@pytest.mark.parametrize(
    ("area", "message"),
    [
        ({"type": "MultiPolygon", "coordinates": [[BOW_TIE]]}, "This shape is not valid (Self-intersection"),
        ({"type": "MultiPolygon", "coordinates": [[SQUARE[:-1]]]}, "An outline must end where it begins"),
        ({"type": "MultiPolygon", "coordinates": [[[SQUARE[0], SQUARE[1], SQUARE[0]]]]}, "at least three corners"),
        ({"type": "MultiPolygon", "coordinates": []}, "The shape has no coordinates"),
        ({"type": "Point", "coordinates": [52.1, 44.1]}, "This field takes an area, not a point"),
        ({"type": "MultiPolygon", "coordinates": [[[*SQUARE[:2], [53.0, 95.0], *SQUARE[3:]]]]}, "Latitude 95.0 is"),
    ],
)
def test_an_invalid_area_is_refused_with_a_clear_message(editor_client, area, message):
    response = editor_client.post(ADD_URL, place_form(area=json.dumps(area)))
    assert message in errors_of(response, "area")
    assert not Place.objects.exists()


def test_an_area_drawn_as_one_polygon_is_kept_as_a_multipolygon(editor_client):
    area = {"type": "Polygon", "coordinates": [SQUARE]}
    response = editor_client.post(ADD_URL, place_form(area=json.dumps(area)))
    assert response.status_code == 302
    place = Place.objects.get(slug="shetpe")
    assert place.area.geom_type == "MultiPolygon"
    assert place.area.area == pytest.approx(1.0)


def test_a_place_form_with_bad_coordinates_is_shown_again_with_its_other_fields(editor_client):
    response = editor_client.post(ADD_URL, place_form(geom='{"type": "Point", "coordinates": ["a", "b"]}'))
    form = form_data(response.content.decode())
    assert form["name_en"] == ["Shetpe"]
    assert form["geom"] == [""]  # the map starts empty rather than with what GEOS cannot read


def test_a_place_with_an_area_is_saved_again_unchanged_from_its_form(editor_client):
    area = GEOSGeometry(json.dumps({"type": "MultiPolygon", "coordinates": [[SQUARE]]}), srid=4326)
    place = PlaceFactory(slug="uzen", name="Uzen oilfield", kind="oilfield", area=area)
    url = f"/admin/geo/place/{place.pk}/change/"
    response = editor_client.post(url, form_data(editor_client.get(url).content.decode()))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.area.equals_exact(area, tolerance=1e-9)
    assert (place.geom.x, place.geom.y) == (52.86, 43.34)


def test_typed_coordinates_are_the_point_saved(editor_client):
    # The map's point (if any) gives way to what was typed: the script keeps them the same anyway.
    response = editor_client.post(ADD_URL, place_form(geom="", latitude=" 43.341 ", longitude="52.862"))
    assert response.status_code == 302
    place = Place.objects.get(slug="shetpe")
    assert (place.geom.x, place.geom.y) == (52.862, 43.341)
    assert place.geom.srid == 4326


def test_typed_coordinates_win_over_the_maps_point(editor_client):
    response = editor_client.post(ADD_URL, place_form(latitude="-33.9", longitude="-70.7"))
    assert response.status_code == 302
    assert Place.objects.get(slug="shetpe").geom.coords == (-70.7, -33.9)


def test_without_coordinates_the_maps_point_is_saved(editor_client):
    response = editor_client.post(ADD_URL, place_form(latitude="", longitude=""))
    assert response.status_code == 302
    assert Place.objects.get(slug="shetpe").geom.coords == (52.12, 44.167)


def test_a_place_needs_a_point_from_the_map_or_the_coordinates(editor_client):
    response = editor_client.post(ADD_URL, place_form(geom="", latitude="", longitude=""))
    assert "No geometry value provided." in errors_of(response, "geom")
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("90.5", "52.8", "latitude", "Latitude 90.5 is outside the range −90 to 90."),
        ("-91", "52.8", "latitude", "Latitude -91 is outside the range −90 to 90."),
        ("43.3", "180.01", "longitude", "Longitude 180.01 is outside the range −180 to 180."),
        ("43.3", "-1e308", "longitude", "Longitude -1e308 is outside the range −180 to 180."),
        ("nan", "52.8", "latitude", "Coordinates must be finite numbers, not NaN or infinity."),
        ("43.3", "-Infinity", "longitude", "Coordinates must be finite numbers, not NaN or infinity."),
        ("43.3", "1e400", "longitude", "Coordinates must be finite numbers, not NaN or infinity."),
        ("43°20′N", "52.8", "latitude", "Enter the latitude as a number of degrees north, such as 43.341"),
        ("43.3", "east", "longitude", "Enter the longitude as a number of degrees east, such as 52.862"),
        ("43.3", "", "longitude", "Give both the latitude and the longitude, or leave both empty"),
        ("", "52.8", "latitude", "Give both the latitude and the longitude, or leave both empty"),
    ],
)
def test_bad_typed_coordinates_are_refused_and_kept_as_typed(editor_client, latitude, longitude, field, message):
    response = editor_client.post(ADD_URL, place_form(latitude=latitude, longitude=longitude))
    assert message in errors_of(response, field)
    form = form_data(response.content.decode())
    assert (form["latitude"], form["longitude"]) == ([latitude], [longitude])
    assert not Place.objects.exists()


def test_typed_coordinates_are_refused_in_the_editors_language(editor_client):
    editor_client.post("/i18n/setlang/", {"language": "ru", "next": "/admin/"})
    response = editor_client.post(ADD_URL, place_form(latitude="95", longitude="52.8"))
    assert "Широта 95 выходит за пределы диапазона от −90 до 90." in errors_of(response, "latitude")
