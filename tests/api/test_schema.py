"""The OpenAPI schema is valid, the docs need no other host, and the API keeps to its schema.

Schemathesis generates requests from /api/schema/ and sends them in-process (WSGI, no network).
"""

import re

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
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
