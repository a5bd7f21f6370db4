"""The JSON-LD of an event's and a place's page, as a browser (or a crawler running one) reads it:
present once the page has loaded, parsed by the browser's own JSON, and with the properties each
Schema.org type requires; the strict CSP does not refuse it (a data block, not a script)."""

import json

import pytest
from django.contrib.gis.geos import Point

from tests.factories import ActorFactory, EventFactory, PlaceFactory, SourceFactory
from tests.timeline.test_linked_data import check
from timeline.models import Citation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READ = """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map((script) => JSON.parse(script.textContent))"""


def test_event_and_place_pages_carry_valid_json_ld(page, live_server):
    place = PlaceFactory(slug="shetpe", name="Shetpe", geom=Point(52.14, 44.16, srid=4326))
    event = EventFactory(slug="the-verdicts", title="The verdicts", place=place, start_date="2012-05-21")
    event.actors.add(ActorFactory(name="<Withheld> Person", withhold_name=True, public_description_en="a defendant"))
    Citation.objects.create(event=event, source=SourceFactory(title="A report"), locator="p. 3")

    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    [data] = page.evaluate(READ)
    assert data["@type"] == "Event"
    check(data)
    assert (data["name"], data["startDate"]) == ("The verdicts", "2012-05-21")
    assert data["location"]["name"] == "Shetpe"
    assert "Withheld" not in json.dumps(data, ensure_ascii=False)
    assert "A report" in [work["name"] for work in data["citation"]]  # (the factory cites one of its own too)

    page.goto(f"{live_server.url}{place.get_absolute_url()}")
    [data] = page.evaluate(READ)
    assert data["@type"] == "Place"
    check(data)
    assert data["geo"]["latitude"] == pytest.approx(44.16)
    assert page.csp_violations == []
    assert page.console_errors == []
