import csv
import io

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

CSV_HEADER = [
    "slug",
    "title",
    "title_language",
    "summary",
    "summary_language",
    "date_display",
    "start_date",
    "end_date",
    "date_precision",
    "end_precision",
    "date_qualifier",
    "end_qualifier",
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
        "title_language": "en",
        "summary": "The event, in a sentence.",
        "summary_language": "en",
        "date_display": "March 2012",
        "start_date": "2012-03-01",
        "end_date": "",
        "date_precision": "month",
        "end_precision": "",
        "date_qualifier": "exact",
        "end_qualifier": "",
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


def test_csv_gives_each_date_as_the_site_shows_it_beside_the_iso_dates(client, content):
    """A date known only to the year is stored on 1 January: a spreadsheet shows "2012-01-01" for "2012"
    unless the date as shown comes beside it. Without an end there is no precision of the end."""
    header, *rows = read_csv(client.get("/api/events/?format=csv"))
    dates = header.index("date_display")
    assert header[dates : dates + 5] == ["date_display", "start_date", "end_date", "date_precision", "end_precision"]
    assert {row[0]: row[dates : dates + 5] for row in rows} == {
        "strike": ["May – December 2011", "2011-05-01", "2011-12-01", "month", "month"],
        "massacre": ["16 December 2011", "2011-12-16", "", "day", ""],
        "campaign": ["2012", "2012-01-01", "", "year", ""],
        "trial": ["March 2012", "2012-03-01", "", "month", ""],
    }


def test_csv_keeps_other_alphabets_and_quotes_what_needs_it(client, content):
    EventFactory(slug="kazakh", title="Жаңаөзен, 16 желтоқсан", summary='He said "no", then left.\nNext line.')
    # (Жаңаөзен would find the events at Zhanaozen too: search knows its other spellings.)
    rows = read_csv(client.get("/api/events/?format=csv&q=желтоқсан"))
    assert [rows[1][1], rows[1][3]] == ["Жаңаөзен, 16 желтоқсан", 'He said "no", then left.\nNext line.']


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
    assert len(read_csv(client.get("/api/events/?format=csv&page_size=2&page=1"))) == 1 + 4


@pytest.mark.parametrize("format_", ["geojson", "csv"])
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=-547", "page"),
        ("page=0", "page"),
        ("page=", "page"),
        ("page_size=0", "page_size"),
        ("page_size=", "page_size"),
    ],
)
def test_downloads_check_page_and_page_size_as_json_does(client, content, format_, query, parameter):
    """The schema documents page (1 or more) and page_size (1 to 1000) for every format."""
    response = client.get(f"/api/events/?format={format_}&{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize("format_", ["geojson", "csv"])
def test_a_download_is_one_page_so_the_next_is_not_found(client, content, format_):
    """A client that walks pages stops after the first, as it does after JSON's last."""
    assert client.get(f"/api/events/?format={format_}&page=1").status_code == 200
    response = client.get(f"/api/events/?format={format_}&page=2")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


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


@pytest.mark.parametrize(
    "url",
    [
        "/api/events/",
        "/api/events/massacre/",
        "/api/places/",
        "/api/places/zhanaozen/",
        "/api/sources/",
        "/api/categories/",
        "/api/actors/",
        "/api/tours/",
    ],
)
def test_empty_format_is_a_400_naming_it_like_an_unknown_one(client, content, url):
    """The schema lists the formats, and the empty string is not one of them."""
    response = client.get(f"{url}?format=")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["format"]


def test_event_detail_comes_as_json_only(client, content):
    assert client.get("/api/events/massacre/?format=csv").json() == {
        "format": ["Unknown format. Choose one of: json, api."]
    }


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_written_as_text(client, content, start):
    """OWASP's advice on CSV injection: a leading apostrophe makes the cell text."""
    hostile = {
        "=": '=HYPERLINK("http://example.invalid","click")',
        "+": "+cmd|' /C calc'!A0",
        "-": "-1+1",
        "@": "@SUM(1)",
        "\t": "\t=1+1",
        "\r": "\r=1+1",
    }[start]
    EventFactory(slug="hostile", title=hostile, summary="A summary.")
    header, *rows = read_csv(client.get("/api/events/?format=csv&q=summary"))
    row = dict(zip(header, next(row for row in rows if row[0] == "hostile"), strict=True))
    assert row["title"] == "'" + hostile
    assert row["summary"] == "A summary."  # ordinary text is untouched
    assert row["importance"].isdigit()  # and numbers stay numbers
