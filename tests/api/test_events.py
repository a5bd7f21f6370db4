import datetime

import pytest

from tests.factories import ActorFactory, EventFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [event["slug"] for event in response.json()["results"]]


def test_list_gives_published_events_in_date_order(client, content):
    data = client.get("/api/events/").json()
    assert data["count"] == 4
    assert [event["slug"] for event in data["results"]] == ["strike", "massacre", "campaign", "trial"]


def test_list_item_carries_what_the_explorer_needs(client, content):
    massacre = client.get("/api/events/").json()["results"][1]
    assert massacre == {
        "slug": "massacre",
        "title": "Police fire on the crowd",
        "title_language": "en",
        "summary": "The event, in a sentence.",
        "summary_language": "en",
        "date_display": "16 December 2011",
        "start_date": "2011-12-16",
        "end_date": None,
        "date_precision": "day",
        "end_precision": None,
        "date_qualifier": "exact",
        "end_qualifier": None,
        "place": {"slug": "zhanaozen", "name": "Zhanaozen", "name_language": "en", "coordinates": [52.862, 43.341]},
        "categories": ["violence"],
        "importance": 1,
        "url": "http://testserver/events/massacre/",
        "api_url": "http://testserver/api/events/massacre/",
    }


def test_list_item_shows_spans_precision_and_events_without_a_place(client, content):
    by_slug = {event["slug"]: event for event in client.get("/api/events/").json()["results"]}
    assert by_slug["strike"]["date_display"] == "May – December 2011"
    assert (by_slug["strike"]["end_date"], by_slug["strike"]["end_precision"]) == ("2011-12-01", "month")
    assert by_slug["campaign"]["place"] is None
    assert by_slug["campaign"]["date_display"] == "2012"
    assert (by_slug["campaign"]["start_date"], by_slug["campaign"]["date_precision"]) == ("2012-01-01", "year")
    assert (by_slug["campaign"]["end_date"], by_slug["campaign"]["end_precision"]) == (None, None)
    assert by_slug["trial"]["categories"] == ["strike", "trial"]  # in the categories' own order


def test_events_on_the_same_day_come_by_importance(client, content):
    EventFactory(slug="aftermath", start_date=content.massacre.start_date, importance=3)
    EventFactory(slug="curfew", start_date=content.massacre.start_date, importance=2)
    # The strike (May – December 2011, known to the month) is still going on that day.
    assert slugs(client.get("/api/events/?from=2011-12-16&to=2011-12-16")) == [
        "strike",
        "massacre",
        "curfew",
        "aftermath",
    ]


def test_detail_adds_body_actors_and_citations_with_their_sources(client, content):
    response = client.get("/api/events/massacre/")
    assert response.status_code == 200
    data = response.json()
    assert data["api_url"] == "http://testserver/api/events/massacre/"
    assert data["body"] == "Police *opened fire*.<script>alert(1)</script>"
    assert data["actors"] == [
        {"slug": "police", "name": "Police", "name_language": "en", "kind": "state", "name_withheld": False}
    ]
    assert data["citations"] == [
        {
            "source": {
                "slug": "levy",
                "title": "Kazakhstan: the Zhanaozen massacre",
                "publisher": "People & Nature",
                "author": "",
                "published_on": "2013-12-12",
                "published_precision": "day",
                "date_display": "12 December 2013",
                "url": "",
                "archived_url": "",
                "accessed_on": None,
                "kind": "article",
                "language": "en",
                "title_language": "en",
                "note": "",
            },
            "locator": "“Police opened fire.”",
            "summary": None,
            "summary_language": None,
            "note": "Gives 16 dead.",
        }
    ]


def test_detail_renders_the_body_as_sanitised_html(client, content):
    body_html = client.get("/api/events/massacre/").json()["body_html"]
    assert "<em>opened fire</em>" in body_html
    assert "<script" not in body_html


@pytest.mark.parametrize("slug", ["secret-draft", "secret-review", "no-such-event"])
def test_unpublished_or_unknown_event_is_not_found(client, content, slug):
    assert client.get(f"/api/events/{slug}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("to=2011-05", ["strike"]),
        ("to=2011", ["strike", "massacre"]),
        ("from=2011-12", ["strike", "massacre", "campaign", "trial"]),
        # "December 2011", the strike's end, lasts to the 31st.
        ("from=2011-12-17", ["strike", "campaign", "trial"]),
        ("from=2012&to=2012-02", ["campaign"]),
        ("from=2011-12-16&to=2011-12-16", ["strike", "massacre"]),
        ("category=violence", ["massacre"]),
        ("category=violence,trial", ["massacre", "trial"]),
        ("category=strike&from=2012", ["campaign", "trial"]),
        ("place=aktau", ["trial"]),
        ("place=zhanaozen", ["strike", "massacre"]),
        ("actor=police", ["massacre"]),
        ("q=Жанаозен", ["strike", "massacre"]),
        ("q=КазМунайГаз", ["strike"]),
        # Any case, script or common spelling (core/search.py), on SQLite as on PostgreSQL.
        ("q=казмунайгаз", ["strike"]),
        ("q=%D0%96%D0%90%D2%A2%D0%90%D3%A8%D0%97%D0%95%D0%9D", ["strike", "massacre"]),  # ЖАҢАӨЗЕН
        ("q=Zhangaozen", ["strike", "massacre"]),
        ("q=Kazmunaigaz", ["strike"]),
        ("q=police+FIRE", ["massacre"]),
        ("importance=1", ["strike", "massacre"]),
        ("importance=2", ["strike", "massacre", "trial"]),
        ("importance=3", ["strike", "massacre", "campaign", "trial"]),
        # Empty, as a form sends it: no filter (the schema says allowEmptyValue).
        ("q=&category=&from=&to=&place=&actor=&importance=", ["strike", "massacre", "campaign", "trial"]),
        # What nothing published matches is an empty list, whether it exists for drafts or not at all.
        ("q=secret", []),
        ("category=secret-category", []),
        ("place=secret-place", []),
        ("actor=secret-actor", []),
        ("place=nowhere-at-all", []),
    ],
)
def test_filters_mirror_the_explorer(client, content, query, expected):
    """The same rules as the explorer's (timeline/filters.py): ``to`` runs through the end of its
    period, categories are any of, importance is at least as important as."""
    assert slugs(client.get(f"/api/events/?{query}")) == expected


def test_categories_may_also_come_one_per_parameter(client, content):
    assert slugs(client.get("/api/events/?category=violence&category=trial")) == ["massacre", "trial"]


def test_to_a_month_runs_through_its_last_day(client, content):
    EventFactory(slug="last-of-june", start_date=datetime.date(2011, 6, 30))
    EventFactory(slug="first-of-july", start_date=datetime.date(2011, 7, 1))
    assert slugs(client.get("/api/events/?from=2011-06&to=2011-06")) == ["strike", "last-of-june"]
    assert slugs(client.get("/api/events/?from=2011-06-30&to=2011-07-01")) == [
        "strike",
        "last-of-june",
        "first-of-july",
    ]


def test_to_the_last_month_there_is_does_not_overflow(client, content):
    assert len(slugs(client.get("/api/events/?to=9999-12"))) == 4


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("from=2011-13", "from"),
        ("from=2011-02-30", "from"),
        ("from=0000", "from"),
        ("to=0000-01", "to"),
        ("to=0000-01-01", "to"),
        # Only what the schema's pattern allows: ASCII digits, nothing around them.
        ("from=%202011", "from"),
        ("from=2011%0A", "from"),
        ("to=%D9%A2%D9%A0%D9%A1%D9%A1", "to"),  # 2011 in Arabic-Indic digits
        ("from=11-12-2011", "from"),
        ("from=2011-6", "from"),
        ("to=yesterday", "to"),
        ("from=2012&to=2011-12", "to"),
        ("importance=4", "importance"),
        ("importance=key", "importance"),
        ("importance=1,2", "importance"),
        ("q=a%00b", "q"),
        ("category=strike,%00", "category"),
        ("place=%00", "place"),
        ("actor=police%00", "actor"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("page=-547", "page"),
        ("page=", "page"),
        ("page=%D9%A1", "page"),
        ("page_size=0", "page_size"),
        ("page_size=1001", "page_size"),
        ("page_size=ten", "page_size"),
        ("format=xml", "format"),
        ("format=", "format"),
    ],
)
def test_bad_parameter_is_a_400_that_names_it(client, content, query, parameter):
    response = client.get(f"/api/events/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()
    assert list(errors) == [parameter]
    assert errors[parameter]
    assert all(isinstance(message, str) and message for message in errors[parameter])


def test_json_comes_in_pages(client, content):
    first = client.get("/api/events/?page_size=3").json()
    assert first["count"] == 4
    assert [event["slug"] for event in first["results"]] == ["strike", "massacre", "campaign"]
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [event["slug"] for event in second["results"]] == ["trial"]
    assert second["next"] is None


def test_default_page_holds_a_hundred_events(client, content):
    EventFactory.create_batch(100, cited=False)
    data = client.get("/api/events/").json()
    assert (data["count"], len(data["results"])) == (104, 100)


def test_page_past_the_end_is_not_found(client, content):
    assert client.get("/api/events/?page=2").status_code == 404


def add_events(count):
    """More events, each with a place, a category, a source and a person of its own."""
    for event in EventFactory.create_batch(count):
        event.actors.set([ActorFactory()])


@pytest.mark.parametrize("extra", [0, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # content state, count, page of events, their places, their categories
        ("/api/events/", 5),
        ("/api/events/?category=strike,violence&place=zhanaozen&actor=police&q=fire&from=2011&to=2012", 5),
        # a download: no count
        ("/api/events/?format=geojson", 4),
        ("/api/events/?format=csv", 4),
        # content state, the event, its place, categories, actors, citations and accounts with their sources
        ("/api/events/massacre/", 7),
    ],
)
def test_queries_do_not_grow_with_the_number_of_events(client, content, django_assert_num_queries, extra, url, queries):
    add_events(extra)
    assert Event.objects.published().count() == 4 + extra
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("request_language", "expected"),
    [
        ({"lang": "ru"}, "ru"),
        ({"HTTP_ACCEPT_LANGUAGE": "kk"}, "kk"),
        ({}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "de"}, "en"),
    ],
)
def test_the_api_answers_in_the_language_asked_for_and_says_which(client, content, request_language, expected):
    massacre = Event.objects.get(slug="massacre")
    massacre.title_ru, massacre.title_kk = "Полиция открывает огонь по толпе", "Полиция тобырға оқ атты"
    massacre.save()
    query = {key: value for key, value in request_language.items() if key == "lang"}
    headers = {key: value for key, value in request_language.items() if key != "lang"}
    response = client.get("/api/events/massacre/", query, **headers)
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response["Vary"]
    data = response.json()
    titles = {"en": "Police fire on the crowd", "ru": massacre.title_ru, "kk": massacre.title_kk}
    assert (data["title"], data["title_language"]) == (titles[expected], expected)
    # Not yet translated: the English, and it says so.
    assert (data["summary"], data["summary_language"]) == ("The event, in a sentence.", "en")
    assert data["place"]["name_language"] == "en"


def test_a_language_the_site_does_not_have_is_a_400_naming_lang(client, content):
    response = client.get("/api/events/", {"lang": "de"})
    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


def test_each_language_has_its_own_etag(client, content):
    tags = {client.get("/api/events/", {"lang": code})["ETag"] for code in ("en", "ru", "kk")}
    assert len(tags) == 3
