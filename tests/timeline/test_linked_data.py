"""Schema.org JSON-LD on event and place pages: what other sites and search engines read of them."""

import datetime
import json
import re

import pytest
from django.contrib.gis.geos import Point

from core.templatetags.structured_data import ld_json
from geo.models import Place
from tests.factories import ActorFactory, EventFactory, PlaceFactory, SourceFactory
from tests.test_headers import directives
from timeline.models import Actor, Citation

pytestmark = pytest.mark.django_db

# What Schema.org and its main consumers (Google's rich results) need of each type, written out:
# required properties, and the type each must have where it is an object.
REQUIRED = {
    "Event": {"name": str, "startDate": str, "location": dict},
    "Place": {"name": str, "geo": dict},
    "GeoCoordinates": {"latitude": float, "longitude": float},
    "CreativeWork": {"name": str},
    "Person": {"name": str},
    "Organization": {"name": str},
}
ISO_AT_PRECISION = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check(item: dict, *, required: bool = True) -> None:
    """``item`` and what it holds have their type's required properties, of the right kinds."""
    kind = item["@type"]
    expected = REQUIRED[kind] if required else {}
    for name, of_type in expected.items():
        assert isinstance(item.get(name), of_type), f"{kind} needs {name} ({of_type.__name__}): {item}"
        assert item[name] != "", f"{kind}.{name} is empty"
    for name in ("startDate", "endDate", "datePublished"):
        if name in item:
            assert ISO_AT_PRECISION.match(item[name]), item[name]
    for value in item.values():
        for nested in value if isinstance(value, list) else [value]:
            if isinstance(nested, dict) and "@type" in nested:
                check(nested)


def structured_data(page: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def event(db):
    place = PlaceFactory(slug="zhanaozen", name="Zhanaozen", geom=Point(52.862, 43.341, srid=4326), wikidata="Q123456")
    witness = ActorFactory(
        name="Secret Person", slug="secret-person", withhold_name=True, public_description_en="a witness"
    )
    company = ActorFactory(name="Ozenmunaigas", slug="ozenmunaigas", kind=Actor.Kind.COMPANY)
    event = EventFactory(
        slug="strike",
        title="Oil workers strike",
        start_date=datetime.date(2011, 5, 1),
        date_precision="month",
        end_date=datetime.date(2011, 12, 1),
        end_precision="month",
        place=place,
        cited=False,
    )
    event.actors.set([witness, company])
    source = SourceFactory(
        slug="report",
        title="Striking oil workers",
        publisher="Human Rights Watch",
        published_on=datetime.date(2012, 1, 1),
        published_precision="year",
        url="https://example.org/report",
    )
    Citation.objects.create(event=event, source=source, locator="p. 3")
    return event


def test_an_event_page_describes_the_event_as_schema_org_event(client, event):
    (data,) = structured_data(client.get("/events/strike/").content.decode())
    check(data)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Oil workers strike"
    assert data["url"] == "http://testserver/events/strike/"
    # At the precision the dates are known to: May to December 2011.
    assert (data["startDate"], data["endDate"]) == ("2011-05", "2011-12")
    assert data["location"] == {
        "@type": "Place",
        "name": "Zhanaozen",
        "url": "http://testserver/places/zhanaozen/",
        "geo": {"@type": "GeoCoordinates", "latitude": 43.341, "longitude": 52.862},
        "sameAs": ["https://www.wikidata.org/wiki/Q123456"],
    }
    assert sorted(data["about"], key=lambda item: item["name"]) == [
        {"@type": "Organization", "name": "Ozenmunaigas"},
        {"@type": "Person", "name": "a witness"},
    ]
    assert data["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Striking oil workers",
            "publisher": {"@type": "Organization", "name": "Human Rights Watch"},
            "datePublished": "2012",
            "url": "https://example.org/report",
            "inLanguage": "en",
        }
    ]


def test_a_withheld_name_is_not_in_the_structured_data(client, event):
    page = client.get("/events/strike/").content.decode()
    text = json.dumps(structured_data(page), ensure_ascii=False)
    assert "Secret Person" not in text
    assert "secret-person" not in text
    assert "a witness" in text


def test_a_day_is_a_day_and_a_year_a_year(client, db):
    EventFactory(slug="day", start_date=datetime.date(2011, 12, 16))
    EventFactory(slug="year", start_date=datetime.date(2009, 1, 1), date_precision="year")
    (day,) = structured_data(client.get("/events/day/").content.decode())
    (year,) = structured_data(client.get("/events/year/").content.decode())
    assert (day["startDate"], "endDate" in day) == ("2011-12-16", False)
    assert year["startDate"] == "2009"


def test_an_event_with_no_single_place_is_given_no_made_up_location(client, db):
    EventFactory(slug="campaign", place=None, no_single_place=True)
    (data,) = structured_data(client.get("/events/campaign/").content.decode())
    check(data, required=False)
    assert "location" not in data
    assert data["name"]
    assert data["startDate"] == "2011-12-16"


def test_a_place_page_describes_the_place(client, event):
    Place.objects.filter(slug="zhanaozen").update(alt_names="Жанаозен, Novy Uzen", geonames="123456")
    page = client.get("/places/zhanaozen/").content.decode()
    (data,) = structured_data(page)
    check(data)
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Zhanaozen"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.341, "longitude": 52.862}
    assert data["alternateName"] == ["Жанаозен", "Novy Uzen"]
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q123456", "https://www.geonames.org/123456/"]
    # The gazetteers are links on the page too.
    assert '<a href="https://www.wikidata.org/wiki/Q123456" rel="external">Wikidata Q123456</a>' in page
    assert '<a href="https://www.geonames.org/123456/" rel="external">GeoNames 123456</a>' in page


def test_a_place_without_gazetteer_ids_links_to_none(client, event):
    Place.objects.filter(slug="zhanaozen").update(wikidata="")
    page = client.get("/places/zhanaozen/").content.decode()
    assert "sameAs" not in structured_data(page)[0]
    assert 'class="gazetteers"' not in page


def test_the_structured_data_is_in_russian_on_the_russian_page(client, event):
    Place.objects.filter(slug="zhanaozen").update(name_ru="Жанаозен")
    (data,) = structured_data(client.get("/ru/events/strike/").content.decode())
    assert data["location"]["name"] == "Жанаозен"
    assert data["url"] == "http://testserver/ru/events/strike/"


def test_text_cannot_close_the_data_block():
    """Escaped as json_script escapes: no "</script>" or "<!--" survives, and the JSON reads back the same."""
    data = {"name": "</script><script>alert(1)</script> <!-- & -->"}
    html = ld_json(data)
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner
    assert ">" not in inner
    assert "&" not in inner
    assert json.loads(inner) == data


def test_the_policy_has_nothing_to_allow_for_the_data_block(client, event):
    """A data block is not run: the strict policy stands, with no hash or nonce for it."""
    response = client.get("/events/strike/")
    assert directives(response)["script-src"] == ["'self'"]
