"""The content's licence travels with the data: in the schema, in GeoJSON, in CSV's headers."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

CC_BY_SA = {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"}


def test_the_schema_names_the_contents_licence(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["info"]["license"] == CC_BY_SA


@pytest.mark.parametrize("url", ["/api/events/?format=geojson", "/api/places/", "/api/places/zhanaozen/"])
def test_geojson_carries_the_licence_as_a_top_level_member(client, content, url):
    data = client.get(url).json()
    assert data["type"] in {"FeatureCollection", "Feature"}
    assert data["license"] == CC_BY_SA
    if data["type"] == "FeatureCollection":
        assert data["features"]
        assert all("license" not in feature for feature in data["features"])


def test_csv_names_the_licence_in_a_link_header_and_stays_plain_csv(client, content):
    for _attempt in ("built", "from the cache"):
        response = client.get("/api/events/?format=csv")
        assert response["Link"] == '<https://creativecommons.org/licenses/by-sa/4.0/>; rel="license"'
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "slug"  # the header row comes first: no licence line above it
        assert all("creativecommons" not in cell for row in rows for cell in row)


def test_the_json_pages_are_left_as_they_are(client, content):
    assert "license" not in client.get("/api/events/").json()
