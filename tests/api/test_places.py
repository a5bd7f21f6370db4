import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_places_are_a_geojson_feature_collection_with_counts_of_published_events(client, content):
    response = client.get("/api/places/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert [feature["id"] for feature in data["features"]] == ["aktau", "zhanaozen"]
    zhanaozen = data["features"][1]
    assert zhanaozen == {
        "id": "zhanaozen",
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [52.862, 43.341]},
        "properties": {
            "name": "Zhanaozen",
            "name_language": "en",
            "kind": "town",
            "description": "",
            "description_language": "en",
            "alt_names": ["Жанаозен", "Novy Uzen"],
            # the strike and the massacre; not the event in review
            "event_count": 2,
            "url": "http://testserver/places/zhanaozen/",
            "api_url": "http://testserver/api/places/zhanaozen/",
            # gazetteer identifiers: none until an editor checks one
            "wikidata": None,
            "geonames": None,
        },
    }


def test_place_detail_is_a_feature(client, content):
    response = client.get("/api/places/aktau/")
    assert response.status_code == 200
    feature = response.json()
    assert (feature["type"], feature["id"]) == ("Feature", "aktau")
    assert feature["geometry"] == {"type": "Point", "coordinates": [51.15, 43.65]}
    assert feature["properties"]["event_count"] == 1


def test_places_also_come_as_plain_json(client, content):
    response = client.get("/api/places/?format=json")
    assert response["Content-Type"] == "application/json"
    assert response.json()["type"] == "FeatureCollection"


@pytest.mark.parametrize("slug", ["secret-place", "no-such-place"])
def test_place_without_published_events_is_not_found(client, content, slug):
    """A place that only a draft uses is not public: it could give away what the draft is about."""
    assert client.get(f"/api/places/{slug}/").status_code == 404


def test_place_appears_when_its_first_event_is_published(client, content):
    content.draft.status = content.draft.Status.PUBLISHED
    content.draft.save()
    ids = [feature["id"] for feature in client.get("/api/places/").json()["features"]]
    assert ids == ["aktau", "secret-place", "zhanaozen"]


@pytest.mark.parametrize("extra", [0, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/places/", 2),  # content state, the places with their counts
        ("/api/places/zhanaozen/", 2),
    ],
)
def test_queries_do_not_grow_with_the_number_of_places(client, content, django_assert_num_queries, extra, url, queries):
    EventFactory.create_batch(extra)  # each at a place of its own
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
