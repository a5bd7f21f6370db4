"""The OpenAPI schema is valid, the docs need no other host, and the API keeps to its schema.

Schemathesis generates requests from /api/schema/ and sends them in-process (WSGI, no network).
"""

import re

import jsonschema
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.inline import inline_scripts

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/events/",
    "/api/events/{slug}/",
    "/api/places/",
    "/api/places/{slug}/",
    "/api/sources/",
    "/api/categories/",
    "/api/actors/",
    "/api/tours/",
    "/api/tours/{slug}/",
    "/api/demands/",
    "/api/demands/{slug}/",
]


def test_schema_describes_every_endpoint_and_is_valid_openapi(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert sorted(schema["paths"]) == sorted(PATHS)
    validate_schema(schema)


def test_docs_load_nothing_from_another_host_and_run_no_inline_script(client):
    page = client.get("/api/docs/").content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in addresses
    assert all(address.startswith("/") and not address.startswith("//") for address in addresses)
    assert inline_scripts(page) == []
    script = client.get("/api/docs/?script=")
    assert (script.status_code, script["Content-Type"]) == (200, "application/javascript")


def query_parameters(client):
    """Each endpoint's address (with a slug of the ``content`` fixture) and its query parameters."""
    slugs = {"/api/events/{slug}/": "massacre", "/api/places/{slug}/": "zhanaozen"}
    for path, operations in client.get("/api/schema/?format=json").json()["paths"].items():
        url = path.replace("{slug}", slugs.get(path, "no-such-slug"))
        for parameter in operations["get"].get("parameters", []):
            if parameter["in"] == "query":
                yield url, parameter


def period_schema(client, name):
    return next(parameter["schema"] for url, parameter in query_parameters(client) if parameter["name"] == name)


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize(
    "value",
    [
        "2011",
        "2011-05",
        "2011-12-16",
        "0001",
        "0001-01-01",
        "9999-12-31",
        "2012-02-29",
        # No calendar has a year 0, a month 13 or a 29 February 2011.
        "0000",
        "0000-01",
        "0000-01-01",
        "2011-00",
        "2011-13",
        "2011-05-00",
        "2011-02-29",
        "2011-04-31",
        "2011-6",
        "11-12-2011",
        "20111216",
        "2011-12-16T10:00",
    ],
)
def test_from_and_to_accept_exactly_what_the_schema_documents(client, content, name, value):
    documented = jsonschema.Draft202012Validator(
        period_schema(client, name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).is_valid(value)
    response = client.get("/api/events/", {name: value})
    assert (response.status_code == 200) is documented, response.content
    if not documented:
        assert response.status_code == 400
        assert list(response.json()) == [name]


def test_an_empty_parameter_is_accepted_where_the_schema_allows_it_and_else_a_400_naming_it(client, content):
    """Filters may come empty, as a form sends them; ``format``, ``page`` and ``page_size`` may not."""
    checked = set()
    for url, parameter in query_parameters(client):
        response = client.get(url, {parameter["name"]: ""})
        if parameter.get("allowEmptyValue"):
            assert response.status_code == 200, (url, parameter["name"])
        else:
            assert response.status_code == 400, (url, parameter["name"])
            assert list(response.json()) == [parameter["name"]]
        checked.add(parameter["name"])
    assert checked == {
        "from", "to", "category", "place", "actor", "q", "importance", "disputed", "format", "page", "page_size",
        "lang",
    }  # fmt: skip


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Django closes "old" connections when a request starts and ends, which on PostgreSQL would close
    the test's transaction; its test client unhooks that around each request, and so does this."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# Loaded when the tests are collected (schemathesis' lazy loader does not work with pytest 9):
# building the schema reads no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
# Requests that keep to the schema are answered (not a 400), those that break it are a 400 or 404.
schema.config.generation.update(modes=["positive", "negative"])


@schema.hook
def filter_case(context, case):
    """Leave out ranges that end before they start. The schema says "not before from" in words (no
    OpenAPI keyword compares two parameters), and the API answers them with a 400 naming ``to``."""
    start, end = (case.query or {}).get("from"), (case.query or {}).get("to")
    if not (isinstance(start, str) and isinstance(end, str) and start and end):
        return True
    # Each as its first and last possible day, compared as text: 2011 runs to "2011-99-99".
    return start.ljust(len("2011-01-01"), "0") <= end + "-99-99"[len(end) - len("2011") :]


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    database=None,  # nothing written to .hypothesis/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_keeps_to_its_schema(case, content):
    case.call_and_validate(
        # The in-process transport does not decompress what GZipMiddleware would compress.
        headers={"Accept-Encoding": "identity"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            positive_data_acceptance,
            negative_data_rejection,
        ],
    )
