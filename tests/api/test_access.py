"""What holds for every endpoint and format: only published content, and no writing."""

import pytest

from tests.api.support import LIST_URLS, assert_no_secrets
from tests.factories import ActorFactory, EventFactory

pytestmark = pytest.mark.django_db

DETAIL_URLS = ["/api/events/massacre/", "/api/places/zhanaozen/"]


@pytest.mark.parametrize("url", LIST_URLS + DETAIL_URLS)
def test_drafts_never_leak(client, content, url):
    """Not the draft nor the event in review, nor the place, category, person or source only they use."""
    response = client.get(url)
    assert response.status_code == 200
    assert_no_secrets(response.content.decode())


@pytest.mark.parametrize("url", LIST_URLS)
def test_drafts_never_leak_through_filters(client, content, url):
    joiner = "&" if "?" in url else "?"
    response = client.get(f"{url}{joiner}from=2011-12-16&to=2011-12-16&category=violence&q=police&importance=1")
    assert response.status_code == 200
    assert_no_secrets(response.content.decode())


@pytest.mark.parametrize(
    "url", ["/api/events/secret-draft/", "/api/events/secret-review/", "/api/places/secret-place/"]
)
def test_unpublished_content_is_not_found(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert_no_secrets(response.content.decode())


def test_counts_leave_drafts_out(client, content):
    """The police are in the massacre and in the draft; violence is the category of both."""
    actors = {actor["slug"]: actor["event_count"] for actor in client.get("/api/actors/").json()}
    categories = {category["slug"]: category["event_count"] for category in client.get("/api/categories/").json()}
    sources = {source["slug"]: source["event_count"] for source in client.get("/api/sources/").json()}
    assert actors == {"kazmunaigas": 1, "police": 1}
    assert categories == {"strike": 3, "violence": 1, "trial": 1}
    assert sources["levy"] == 1
    assert len(sources) == 4  # levy and the three the factory made for the other published events


def test_lists_of_categories_people_and_sources(client, content):
    assert client.get("/api/categories/").json()[0] == {
        "slug": "strike",
        "name": "Strike",
        "name_language": "en",
        "description": "",
        "description_language": "en",
        "color": "#1e40af",
        "event_count": 3,
    }
    assert client.get("/api/actors/").json()[0] == {
        "slug": "kazmunaigas",
        "name": "KazMunayGas",
        "name_language": "en",
        "kind": "company",
        "name_withheld": False,
        "description": "",
        "description_language": "en",
        "alt_names": ["KMG", "КазМунайГаз"],
        "event_count": 1,
    }
    levy = next(source for source in client.get("/api/sources/").json() if source["slug"] == "levy")
    assert (levy["title"], levy["publisher"], levy["date_display"]) == (
        "Kazakhstan: the Zhanaozen massacre",
        "People & Nature",
        "12 December 2013",
    )
    assert levy["published_precision"] == "day"


def test_an_undated_source_has_no_precision_either(client, content):
    """Like an event's end: no date, nothing to be precise about (the database keeps "day" there)."""
    content.levy.published_on = None
    content.levy.save()
    levy = next(source for source in client.get("/api/sources/").json() if source["slug"] == "levy")
    assert (levy["published_on"], levy["published_precision"], levy["date_display"]) == (None, None, "")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "url", ["/api/events/", *DETAIL_URLS, "/api/places/", "/api/categories/", "/api/actors/", "/api/sources/"]
)
def test_writing_is_not_allowed(client, content, method, url):
    response = getattr(client, method)(url, data={"title": "Changed"}, content_type="application/json")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert not {"POST", "PUT", "PATCH", "DELETE"} & {allowed.strip() for allowed in response["Allow"].split(",")}


def test_writing_is_not_allowed_for_staff_either(editor_client, content):
    assert editor_client.delete("/api/events/massacre/").status_code == 405
    assert editor_client.get("/api/events/massacre/").status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
@pytest.mark.parametrize("url", ["/api/categories/", "/api/actors/", "/api/sources/"])
def test_queries_do_not_grow_with_the_content(client, content, django_assert_num_queries, extra, url):
    for event in EventFactory.create_batch(extra):  # each with a category and a source of its own
        event.actors.set([ActorFactory()])
    with django_assert_num_queries(2):  # content state, the list with its counts
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/nothing-here/",
        "/api/places/admin.LogEntry/",
        "/api/events/a/b/",
        # A slug no route takes (it has a dot), with a line break: "." in a pattern stops at it.
        "/api/events/a%0Ab./",
    ],
)
def test_any_other_address_under_the_api_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_endpoint_without_its_slash_still_redirects(client, content):
    response = client.get("/api/events")
    assert (response.status_code, response["Location"]) == (301, "/api/events/")
