import pytest

from geo.models import Place
from tests.factories import EventFactory, PlaceFactory

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
            "name": "Shetpe",
            "slug": "shetpe",
            "kind": "village",
            "geom": '{"type": "Point", "coordinates": [52.12, 44.167]}',
            "area": "",
            "description": "Village north of Zhanaozen.",
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
