import csv
import io

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

CSV_HEADER = [
    "slug",
    "title",
    "summary",
    "start_date",
    "end_date",
    "date_precision",
    "end_precision",
    "date_display",
    "place",
    "place_name",
    "longitude",
    "latitude",
    "categories",
    "importance",
    "url",
    "api_url",
]


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a byte order mark, for spreadsheets"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_geojson_gives_each_event_as_a_feature_at_its_place(client, content):
    response = client.get("/api/events/?format=geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert [feature["id"] for feature in data["features"]] == ["strike", "massacre", "campaign", "trial"]
    massacre = data["features"][1]
    assert massacre["type"] == "Feature"
    assert massacre["geometry"] == {"type": "Point", "coordinates": [52.862, 43.341]}


def test_geojson_properties_are_flat_for_gis_tools(client, content):
    massacre = client.get("/api/events/?format=geojson").json()["features"][1]
    assert massacre["properties"] == {
        "title": "Police fire on the crowd",
        "summary": "What happened, in a sentence.",
        "start_date": "2011-12-16",
        "end_date": None,
        "date_precision": "day",
        "end_precision": "day",
        "date_display": "16 December 2011",
        "place": "zhanaozen",
        "place_name": "Zhanaozen",
        "categories": ["violence"],
        "importance": 1,
        "url": "http://testserver/events/massacre/",
        "api_url": "http://testserver/api/events/massacre/",
    }


def test_geojson_event_without_a_place_has_no_geometry(client, content):
    campaign = client.get("/api/events/?format=geojson").json()["features"][2]
    assert campaign["id"] == "campaign"
    assert campaign["geometry"] is None
    assert (campaign["properties"]["place"], campaign["properties"]["place_name"]) == (None, None)


def test_csv_has_a_header_and_one_row_per_event(client, content):
    response = client.get("/api/events/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zhanaozen-events.csv"'
    header, *rows = read_csv(response)
    assert header == CSV_HEADER
    assert [row[0] for row in rows] == ["strike", "massacre", "campaign", "trial"]
    assert dict(zip(header, rows[3], strict=True)) == {
        "slug": "trial",
        "title": "Trial of the oil workers",
        "summary": "What happened, in a sentence.",
        "start_date": "2012-03-01",
        "end_date": "",
        "date_precision": "month",
        "end_precision": "day",
        "date_display": "March 2012",
        "place": "aktau",
        "place_name": "Aktau",
        "longitude": "51.15",
        "latitude": "43.65",
        "categories": "strike, trial",
        "importance": "2",
        "url": "http://testserver/events/trial/",
        "api_url": "http://testserver/api/events/trial/",
    }
    campaign = dict(zip(header, rows[2], strict=True))
    assert (campaign["place"], campaign["longitude"], campaign["latitude"]) == ("", "", "")


def test_csv_keeps_other_alphabets_and_quotes_what_needs_it(client, content):
    EventFactory(slug="kazakh", title="Жаңаөзен, 16 желтоқсан", summary='He said "no", then left.\nNext line.')
    rows = read_csv(client.get("/api/events/?format=csv&q=Жаңаөзен"))
    assert rows[1][1:3] == ["Жаңаөзен, 16 желтоқсан", 'He said "no", then left.\nNext line.']


def test_downloads_apply_the_filters(client, content):
    rows = read_csv(client.get("/api/events/?format=csv&category=violence,trial"))
    assert [row[0] for row in rows[1:]] == ["massacre", "trial"]
    features = client.get("/api/events/?format=geojson&place=aktau").json()["features"]
    assert [feature["id"] for feature in features] == ["trial"]


def test_empty_csv_still_has_its_header(client, content):
    assert read_csv(client.get("/api/events/?format=csv&q=nothing+like+this")) == [CSV_HEADER]


def test_downloads_are_whole_while_json_comes_in_pages(client, content):
    assert len(client.get("/api/events/?page_size=2").json()["results"]) == 2
    assert len(client.get("/api/events/?format=geojson&page_size=2").json()["features"]) == 4
    assert len(read_csv(client.get("/api/events/?format=csv&page_size=2"))) == 1 + 4


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/csv", "text/csv; charset=utf-8"),
        ("application/geo+json", "application/geo+json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
    ],
)
def test_format_can_be_negotiated_with_accept(client, content, accept, content_type):
    response = client.get("/api/events/", HTTP_ACCEPT=accept)
    assert response["Content-Type"] == content_type
    assert "Accept" in response["Vary"]


@pytest.mark.parametrize("format_", ["geojson", "csv"])
def test_errors_are_json_whatever_the_format(client, content, format_):
    response = client.get(f"/api/events/?format={format_}&from=soon")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["from"]


def test_unknown_format_is_a_400_naming_it(client, content):
    response = client.get("/api/events/?format=xlsx")
    assert response.status_code == 400
    assert "json, api, geojson, csv" in response.json()["format"][0]


def test_event_detail_comes_as_json_only(client, content):
    assert client.get("/api/events/massacre/?format=csv").json() == {
        "format": ["Unknown format. Choose one of: json, api."]
    }
