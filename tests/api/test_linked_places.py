"""Places in the Linked Places Format (``/api/places/?format=lpf``), and the gazetteer identifiers."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from geo.models import Place
from tests.factories import PlaceFactory
from timeline.lpf import CONTEXT

pytestmark = pytest.mark.django_db


def lpf(client, query=""):
    response = client.get(f"/api/places/?format=lpf{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/ld+json"
    return response.json()


def test_places_come_as_a_linked_places_feature_collection(client, content):
    Place.objects.filter(slug="zhanaozen").update(name_ru="Жанаозен", wikidata="Q123456", geonames="123456")
    Place.objects.filter(slug="zhanaozen").touch()
    data = lpf(client)
    assert data["type"] == "FeatureCollection"
    assert data["@context"] == CONTEXT
    aktau, zhanaozen = data["features"]
    # The draft's place is not public here either.
    assert [feature["properties"]["title"] for feature in data["features"]] == ["Aktau", "Zhanaozen"]
    assert zhanaozen == {
        "@id": "http://testserver/places/zhanaozen/",
        "type": "Feature",
        "properties": {"title": "Zhanaozen"},
        "geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [52.862, 43.341]}]},
        # each language's name where translated, then the other spellings (of no one language)
        "names": [
            {"toponym": "Zhanaozen", "lang": "en"},
            {"toponym": "Жанаозен", "lang": "ru"},
            {"toponym": "Novy Uzen"},
        ],
        # May 2011 (a month) to 16 December 2011: the strike ran to December, known to the month
        "when": {"timespans": [{"start": {"in": "2011-05"}, "end": {"in": "2011-12-16"}}]},
        "links": [
            {"type": "closeMatch", "identifier": "http://www.wikidata.org/entity/Q123456"},
            {"type": "closeMatch", "identifier": "https://sws.geonames.org/123456/"},
        ],
    }
    # A place without identifiers links nowhere; a month stays a month.
    assert aktau["links"] == []
    assert aktau["when"] == {"timespans": [{"start": {"in": "2012-03"}, "end": {"in": "2012-03"}}]}


def test_linked_places_query_count_does_not_grow_with_places(client, content, django_assert_max_num_queries):
    lpf(client)  # warm the content state
    with django_assert_max_num_queries(6) as few:
        lpf(client, "&lang=en")
    for number in range(10):
        PlaceFactory(slug=f"extra-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        lpf(client, "&lang=ru")


def test_linked_places_is_for_the_list_only(client, content):
    response = client.get("/api/places/zhanaozen/?format=lpf")
    assert response.status_code == 400
    assert "format" in response.json()


def test_the_schema_documents_the_linked_places_format(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/places/"]["get"]
    formats = next(parameter for parameter in operation["parameters"] if parameter["name"] == "format")
    assert "lpf" in formats["schema"]["enum"]
    assert "application/ld+json" in operation["responses"]["200"]["content"]
    properties = schema["components"]["schemas"]["PlaceFeature"]["properties"]["properties"]["properties"]
    assert {"wikidata", "geonames"} <= set(properties)


def test_the_api_gives_gazetteer_identifiers_or_null(client, content):
    Place.objects.filter(slug="zhanaozen").update(wikidata="Q123456")
    Place.objects.filter(slug="zhanaozen").touch()
    features = {feature["id"]: feature["properties"] for feature in client.get("/api/places/").json()["features"]}
    assert (features["zhanaozen"]["wikidata"], features["zhanaozen"]["geonames"]) == ("Q123456", None)
    assert (features["aktau"]["wikidata"], features["aktau"]["geonames"]) == (None, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [("wikidata", "4168"), ("wikidata", "q4168"), ("wikidata", "Q"), ("geonames", "Q1"), ("geonames", "60 86")],
)
def test_gazetteer_identifiers_have_their_gazetteers_form(db, field, value):
    place = PlaceFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert field in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceFactory(**{field: value})  # the database keeps the rule too


def test_gazetteer_identifiers_accept_their_forms(db):
    place = PlaceFactory(wikidata="Q123456", geonames="123456")
    place.full_clean()
    assert [label for label, _id, _url in place.gazetteer_links] == ["Wikidata", "GeoNames"]


def test_existing_places_have_no_gazetteer_identifier():
    """Nobody has checked an identifier yet: none is guessed into the content."""
    import json
    from pathlib import Path

    places = [
        item
        for path in Path("fixtures").glob("*.json")
        for item in json.loads(path.read_text())
        if isinstance(item, dict) and item.get("model") == "geo.place"
    ]
    assert places
    assert not any(place["fields"].get("wikidata") or place["fields"].get("geonames") for place in places)
