"""Cached pages and API responses are compressed once, when built, and served compressed to clients
that take it (core.freshness.kept/response_from)."""

import gzip

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(db):
    return EventFactory(slug="the-shooting", title_en="The shooting")


@pytest.mark.parametrize("url", ["/", "/events/the-shooting/", "/api/events/", "/api/events/?format=csv"])
def test_a_client_that_takes_gzip_gets_the_same_body_compressed(client, content, url):
    plain = client.get(url)
    assert plain.status_code == 200
    assert not plain.has_header("Content-Encoding")
    for _ in range(2):  # built, then from the cache
        compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert compressed.status_code == 200
        assert compressed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in compressed["Vary"]
        assert gzip.decompress(compressed.content) == plain.content
        assert len(compressed.content) < len(plain.content)
    # The same representation, as a conditional GET says, whichever the client had.
    assert compressed["ETag"].startswith("W/")
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=plain["ETag"])
    assert again.status_code == 304


def test_compressing_happens_once_not_per_request(client, content, monkeypatch):
    client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    calls = []
    for where in ("django.middleware.gzip.compress_string", "core.freshness.compress_string"):
        monkeypatch.setattr(where, lambda *args, **kwargs: calls.append(args) or b"")
    for _ in range(3):
        response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
        assert gzip.decompress(response.content)
    assert calls == []
