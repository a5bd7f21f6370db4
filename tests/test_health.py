"""/healthz, which load balancers and monitors ask: the database, and nothing else."""

import os
import secrets
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db


class BrokenCache(BaseCache):
    """A cache that fails on any use, as a Redis that is down would."""

    def __init__(self, location, params):
        super().__init__(params)

    def __getattribute__(self, name):
        if name in {"get", "set", "add", "delete", "get_many", "set_many", "has_key", "incr", "touch", "clear"}:
            raise AssertionError(f"/healthz used the cache ({name})")
        return super().__getattribute__(name)


def test_healthz_answers_200_when_the_database_answers_and_no_proxy_may_keep_it(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


def test_healthz_answers_503_when_the_database_cannot_be_reached(client):
    unreachable = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", side_effect=unreachable
    ) as connect:
        response = client.get("/healthz")
    assert connect.called
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_does_not_touch_the_cache(client):
    with override_settings(CACHES={"default": {"BACKEND": f"{__name__}.BrokenCache"}}):
        response = client.get("/healthz")
    assert response.status_code == 200, response.content


def test_healthz_is_answered_over_plain_http_in_production(tmp_path):
    """A load balancer asks the app server directly, without X-Forwarded-Proto: not a redirect to HTTPS
    (which every other address gets)."""
    code = (
        "import django; django.setup()\nfrom django.test import Client\nclient = Client()\n"
        "print(client.get('/healthz').status_code, client.get('/').status_code)"
    )
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"spatialite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["200", "301"], result.stderr
