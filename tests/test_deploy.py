import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def test_production_settings_pass_the_deployment_checks_without_warnings():
    # The browser tests allow sync database calls beside their event loop; a deployment must not.
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "zhanaozen.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/sources/", "/present/", "/api/docs/", "/admin/login/", "/no-such-page/"])
def test_every_page_turns_off_the_browser_features_no_page_uses(client, path):
    # Only documents read it: what is not a page goes without (tests/test_headers.py).
    policy = client.get(path)["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert features["fullscreen"] == "(self)"  # the slideshows go full screen


def run_with(settings_module: str, code: str, **environment) -> subprocess.CompletedProcess:
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        **environment,
    }
    script = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )


def test_a_server_error_leaves_its_traceback_on_the_standard_output_in_production():
    result = run_with(
        "zhanaozen.settings.production",
        "import logging\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n"
        "    logging.getLogger('django.request').error('Internal Server Error: /x', exc_info=True)",
    )
    assert "Internal Server Error: /x" in result.stdout
    assert "Traceback" in result.stdout
    assert "ZeroDivisionError" in result.stdout


def test_the_admin_lives_where_admin_url_says():
    code = (
        "from django.test import Client\nclient = Client()\n"
        "print(client.get('/editing-4f7a/login/').status_code, client.get('/admin/login/').status_code)"
    )
    result = run_with("zhanaozen.settings.test", code, ADMIN_URL="editing-4f7a/")
    assert result.stdout.split() == ["200", "404"], result.stderr
    refused = run_with("zhanaozen.settings.test", "", ADMIN_URL="../etc")
    assert "ADMIN_URL is a path" in refused.stderr


def test_an_editors_session_lasts_a_working_day(editor_client):
    editor_client.get("/admin/")
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert editor_client.session.get_expiry_age() == 8 * 60 * 60
