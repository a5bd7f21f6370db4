"""/api/demands/: published demands with their sources and the published events that answered them."""

import pytest

from tests.factories import DemandFactory, EventFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demands(db):
    release = DemandFactory(slug="release", text="=HYPERLINK(1)", order=1)
    OutcomeFactory(demand=release, event=EventFactory(slug="trial"), note="They were tried.")
    OutcomeFactory(demand=release, event=EventFactory(slug="secret", status="draft"), note="Secret.")
    DemandFactory(slug="investigation", order=2)
    DemandFactory(slug="secret-demand", status="draft")
    return release


def test_the_list_gives_published_demands_in_order_with_their_outcomes(client, demands):
    response = client.get("/api/demands/")
    assert response.status_code == 200
    data = response.json()
    assert [demand["slug"] for demand in data] == ["release", "investigation"]
    release = data[0]
    assert release["date_display"] == "by 16 December 2011"
    assert (release["date_precision"], release["date_qualifier"]) == ("day", "before")
    assert release["source"]["slug"] == demands.source.slug
    assert release["locator"] == demands.locator
    assert release["result"] == "unrecorded"
    assert [outcome["event"]["slug"] for outcome in release["outcomes"]] == ["trial"]
    assert release["outcomes"][0]["note"] == "They were tried."
    assert release["url"] == "http://testserver/demands/#release"
    assert data[1]["outcomes"] == []


def test_a_draft_demand_is_not_found(client, demands):
    assert client.get("/api/demands/secret-demand/").status_code == 404
    assert client.get("/api/demands/release/").json()["slug"] == "release"


def test_texts_say_their_language_and_fall_back_to_english(client, demands):
    response = client.get("/api/demands/?lang=ru")
    assert response["Content-Language"] == "ru"
    release = response.json()[0]
    assert (release["text_language"], release["made_by_language"]) == ("en", "en")
    assert release["outcomes"][0]["note_language"] == "en"
    assert client.get("/api/demands/?lang=xx").status_code == 400


def test_a_conditional_get_is_not_modified_until_the_content_changes(client, demands):
    etag = client.get("/api/demands/")["ETag"]
    assert client.get("/api/demands/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    DemandFactory(slug="another")
    assert client.get("/api/demands/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("extra", [0, 5])
def test_queries_do_not_grow_with_the_number_of_demands(client, demands, django_assert_num_queries, extra):
    for _ in range(extra):
        OutcomeFactory(demand=DemandFactory())
    # The content's state, the demands with their sources, their outcomes with their events and
    # places, the events' categories.
    with django_assert_num_queries(4):
        assert client.get("/api/demands/").status_code == 200


def test_the_api_is_read_only(client, demands):
    assert client.post("/api/demands/", {}).status_code == 405


def test_the_schema_describes_the_demands(client, demands):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    assert "/api/demands/" in paths
    assert "/api/demands/{slug}/" in paths
