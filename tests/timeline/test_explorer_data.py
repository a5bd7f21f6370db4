"""The explorer's compact events data, its search, the list paged without scripts, and place=none."""

import datetime
import re

import pytest

from core.freshness import content_state
from tests.factories import ActorFactory, EventFactory
from timeline import paging
from timeline.models import Event

pytestmark = pytest.mark.django_db

DATA = "/explorer/events.json"


def data(client, url=DATA):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.json()


def test_the_data_gives_published_events_as_columns_with_day_numbers_and_indexes(client):
    withheld = ActorFactory(
        name="Secret Witness", slug="secret-witness", withhold_name=True, public_description="A witness"
    )
    first = EventFactory(title="First", start_date=datetime.date(2011, 5, 1), no_single_place=True, place=None)
    second = EventFactory(title="Second", start_date=datetime.date(2011, 12, 16))
    second.actors.set([withheld])
    EventFactory(title="Draft", status=Event.Status.DRAFT)
    response, columns = data(client)
    assert columns["slug"] == [first.slug, second.slug]
    assert columns["title"] == ["First", "Second"]
    assert columns["start"] == [(datetime.date(2011, 5, 1) - datetime.date(1970, 1, 1)).days, 15324]
    assert columns["place"][0] == -1
    assert columns["tables"]["places"][columns["place"][1]]["slug"] == second.place.slug
    assert columns["tables"]["categories"][columns["categories"][1][0]]["slug"] == second.categories.get().slug
    assert columns["tables"]["actors"][columns["actors"][1][0]] == withheld.public_slug
    body = response.content.decode()
    assert "Secret Witness" not in body
    assert "secret-witness" not in body
    assert "Draft" not in body
    assert "search" not in columns
    assert "summary" not in columns


def test_the_data_is_immutable_under_the_current_version_only(client):
    EventFactory()
    response, _columns = data(client, f"{DATA}?v={content_state().fingerprint}")
    assert "immutable" in response["Cache-Control"]
    assert "max-age=31536000" in response["Cache-Control"]
    response, _columns = data(client, f"{DATA}?v=old")
    assert "immutable" not in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert client.get(DATA, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_data_is_in_the_pages_language(client):
    EventFactory(title_en="The shooting", title_ru="Расстрел")
    assert data(client, "/ru" + DATA)[1]["title"] == ["Расстрел"]
    assert data(client)[1]["title"] == ["The shooting"]


def inline_events(page: str):
    """The events the explorer's page carries (``explorer-events``), or None."""
    import html
    import json

    found = re.search(r'<script id="explorer-events" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(html.unescape(found.group(1))) if found else None


def test_few_events_come_in_the_page_as_the_data_gives_them(client, settings):
    settings.EXPLORER_INLINE_EVENTS = 2
    EventFactory(title_en="The shooting", title_ru="Расстрел", start_date=datetime.date(2011, 12, 16))
    EventFactory(title="A title with </script><b> in it", start_date=datetime.date(2011, 12, 17))
    page = client.get("/").content.decode()
    assert inline_events(page) == data(client)[1]
    assert inline_events(page)["title"] == ["The shooting", "A title with </script><b> in it"]
    assert "</script><b>" not in page  # escaped: nothing in the data ends its element
    assert f'rel="preload" href="{DATA}' not in page  # nothing to fetch
    russian = client.get("/ru/").content.decode()
    assert inline_events(russian) == data(client, "/ru" + DATA)[1]
    assert "Расстрел" in russian  # the letters as they are, not as \u escapes


def test_more_events_than_the_page_carries_are_preloaded_under_their_version(client, settings):
    settings.EXPLORER_INLINE_EVENTS = 1
    EventFactory()
    EventFactory()
    page = client.get("/").content.decode()
    url = f"{DATA}?v={content_state().fingerprint}"
    assert inline_events(page) is None
    assert f'<link rel="preload" href="{url}" as="fetch" crossorigin>' in page
    assert f'data-events-url="{url}"' in page


def test_the_page_preloads_the_outline_the_map_fetches(client):
    import html
    import json
    import re

    EventFactory()
    page = client.get("/").content.decode()
    config = json.loads(html.unescape(re.search(r'data-map-config="([^"]*)"', page).group(1)))
    assert config["basemapUrl"].endswith(".svg")
    assert f'<link rel="preload" href="{config["basemapUrl"]}" as="image">' in page
    assert config["basemapBounds"] == [[33.0, 40.0], [58.0, 92.0]]


def test_the_search_is_answered_by_the_server_with_its_own_rules(client):
    found = EventFactory(title="Roza Tuletayeva speaks")
    EventFactory(title="Something else")
    answer = client.get("/explorer/search.json?q=TULETAEVA").json()
    assert answer["slugs"] == list(Event.objects.published().search("TULETAEVA").values_list("slug", flat=True))
    assert found.slug in answer["slugs"]
    assert len(answer["slugs"]) == 1


def test_place_none_keeps_the_events_with_no_single_place(client):
    nowhere = EventFactory(place=None, no_single_place=True)
    somewhere = EventFactory()
    page = client.get("/?place=none").content.decode()
    assert f'data-slug="{nowhere.slug}"' in page
    assert f'data-slug="{somewhere.slug}"' not in page
    assert '<option value="none" selected>' in page
    api = client.get("/api/events/?place=none").json()
    slugs = [
        feature["properties"]["slug"] if "properties" in feature else feature["slug"]
        for feature in (api.get("features") or api.get("results") or api)
    ]
    assert slugs == [nowhere.slug]


def test_the_page_parameter_is_canonical():
    assert paging.canonical_page("2011-1") == "2011"
    assert paging.canonical_page("2011-02") == "2011-2"
    assert paging.canonical_page("x") == ""
    assert paging.canonical_page("2011-0") == ""


def test_a_big_year_is_split_in_parts_and_the_list_opens_on_2011(client, monkeypatch):
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    for day in (1, 2, 3):
        EventFactory(start_date=datetime.date(2011, 6, day))
    EventFactory(start_date=datetime.date(2010, 6, 1))
    page = client.get("/").content.decode()
    assert len(re.findall(r'<li class="event-item', page)) == 2
    assert 'id="list-page-title">2011<' in page
    assert "Part 1 of 2 of 2011: events 1 to 2 of the 3 of that year." in page
    second = client.get("/?page=2011-02&q=").content.decode()
    assert len(re.findall(r'<li class="event-item', second)) == 1
    assert 'rel="prev" href="?page=2011"' in second
    # The page opened at an event is the one holding it.
    last = Event.objects.order_by("start_date").last()
    assert "Part 2 of 2" in client.get(f"/?event={last.slug}").content.decode()
