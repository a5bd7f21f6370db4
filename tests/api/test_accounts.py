"""Where sources disagree, in the API: an event's accounts, and the ``disputed`` filter."""

import pytest
from django.utils import translation

from tests.factories import SourceFactory
from timeline.models import Account, Citation, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(content):
    massacre = Event.objects.get(slug="massacre")
    levy = Citation.objects.get(event=massacre).source
    reuters = SourceFactory(slug="reuters", title="In Kazakh oil town", publisher="Reuters")
    Citation.objects.create(event=massacre, source=reuters, locator="notes")
    return [
        Account.objects.create(
            event=massacre,
            topic="Deaths",
            source=reuters,
            according_to="the official toll",
            claim="at least 15 killed",
            locator="As summarised in the notes",
            note="The figures differ.",
            order=1,
        ),
        Account.objects.create(event=massacre, topic="Deaths", source=levy, claim="16 killed", locator="“16”", order=2),
    ]


def test_an_event_gives_its_accounts_in_order_with_their_sources(client, accounts):
    data = client.get("/api/events/massacre/").json()
    assert data["accounts"] == [
        {
            "topic": "Deaths",
            "topic_language": "en",
            "source": {"slug": "reuters", "title": "In Kazakh oil town", "publisher": "Reuters"},
            "according_to": "the official toll",
            "according_to_language": "en",
            "claim": "at least 15 killed",
            "claim_language": "en",
            "locator": "As summarised in the notes",
            "summary": None,
            "summary_language": None,
            "note": "The figures differ.",
            "note_language": "en",
        },
        {
            "topic": "Deaths",
            "topic_language": "en",
            "source": {"slug": "levy", "title": "Kazakhstan: the Zhanaozen massacre", "publisher": "People & Nature"},
            "according_to": "",
            "according_to_language": "en",
            "claim": "16 killed",
            "claim_language": "en",
            "locator": "“16”",
            "summary": None,
            "summary_language": None,
            "note": "",
            "note_language": "en",
        },
    ]


def test_a_translated_account_is_given_in_the_requested_language(client, accounts):
    with translation.override("ru"):
        accounts[0].claim = "не менее 15 убитых"
        accounts[0].save()
    first = client.get("/api/events/massacre/?lang=ru").json()["accounts"][0]
    assert (first["claim"], first["claim_language"]) == ("не менее 15 убитых", "ru")
    assert (first["topic"], first["topic_language"]) == ("Deaths", "en")


def test_an_event_without_accounts_has_an_empty_list(client, accounts):
    assert client.get("/api/events/trial/").json()["accounts"] == []


def test_the_disputed_filter_lists_the_events_where_sources_disagree(client, accounts):
    assert [event["slug"] for event in client.get("/api/events/?disputed=1").json()["results"]] == ["massacre"]
    assert client.get("/api/events/?disputed=").json()["count"] == 4
    assert client.get("/api/events/?disputed=1&importance=2").json()["count"] == 1
    bad = client.get("/api/events/?disputed=yes")
    assert bad.status_code == 400
    assert list(bad.json()) == ["disputed"]


def test_the_accounts_cost_one_query_however_many(client, accounts, django_assert_num_queries):
    massacre = Event.objects.get(slug="massacre")
    for number in range(10):
        source = SourceFactory()
        Citation.objects.create(event=massacre, source=source, locator="p.")
        Account.objects.create(event=massacre, topic=f"Question {number}", source=source, claim="x", locator="p.")
    # content state, the event, its place, categories, actors, citations and accounts with their sources
    with django_assert_num_queries(7):
        assert len(client.get("/api/events/massacre/").json()["accounts"]) == 12
    # content state, count, page of events, their places, their categories
    with django_assert_num_queries(5):
        assert client.get("/api/events/?disputed=1").json()["count"] == 1


def test_the_schema_documents_the_filter_and_the_accounts(client):
    schema = client.get("/api/schema/?format=json").json()
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/events/"]["get"]["parameters"]}
    assert "disputed" in parameters
    assert "accounts" in schema["components"]["schemas"]["EventDetail"]["properties"]
