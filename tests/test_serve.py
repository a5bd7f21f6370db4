"""``make serve`` and its checks: the environment (scripts/check-environment), the database
(scripts/check-database) and gunicorn's settings (zhanaozen/gunicorn.conf.py). No server is started."""

import importlib.machinery
import importlib.util
import os
import re
import secrets
import socket
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"]
# PostgreSQL with PostGIS on this machine (CI starts it).
POSTGRESQL = "postgis://postgres@127.0.0.1:5432/postgres"


def script(name: str):
    """One of scripts/, which have no .py suffix, as a module."""
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(ROOT / "scripts" / name))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def environment(**variables) -> dict:
    """This process's environment without the server's variables (nor make's own), plus ``variables``."""
    left_out = {*REQUIRED, "WEB_CONCURRENCY", "HOST", "PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    return {**{key: value for key, value in os.environ.items() if key not in left_out}, **variables}


def production(**variables) -> dict:
    required = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "zhanaozen.example.org",
        "DATABASE_URL": "postgis://zhanaozen:secret@127.0.0.1:5432/zhanaozen",
    }
    return environment(**{**required, **variables})


def test_make_serve_refuses_to_start_naming_every_missing_variable():
    result = subprocess.run(
        ["make", "--no-print-directory", "serve"], cwd=ROOT, env=environment(), capture_output=True, text=True
    )
    assert result.returncode != 0
    for name in REQUIRED:
        assert f"{name} is not set" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "migrate" not in result.stdout  # nothing ran after the check


def test_the_environment_check_names_only_what_is_missing():
    check = script("check-environment")
    assert check.problems(production()) == []
    found = check.problems(production(SECRET_KEY=" ", ALLOWED_HOSTS=""))
    assert [line.split(" (")[0] for line in found] == ["SECRET_KEY is not set", "ALLOWED_HOSTS is not set"]


def test_the_environment_check_refuses_malformed_numbers_and_databases():
    check = script("check-environment")
    found = check.problems(production(WEB_CONCURRENCY="four", PORT="80000", DATABASE_URL="mysql://db/zhanaozen"))
    assert any(line.startswith("DATABASE_URL must start with postgis://") for line in found)
    assert "WEB_CONCURRENCY must be a whole number of at least 1, not 'four'" in found
    assert "PORT must be at most 65535, not '80000'" in found
    assert check.problems(production(WEB_CONCURRENCY="3", PORT="8001")) == []


def test_the_environment_check_passes_silently_when_all_is_set():
    result = subprocess.run(
        [sys.executable, "scripts/check-environment"], cwd=ROOT, env=production(), capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def gunicorn_settings(**variables) -> dict[str, str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "zhanaozen/gunicorn.conf.py",
            "--print-config",
            "zhanaozen.wsgi",
        ],
        cwd=ROOT,
        env=production(**variables),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return dict((part.strip() for part in line.split("=", 1)) for line in result.stdout.splitlines() if " = " in line)


def test_gunicorn_takes_its_address_and_workers_from_the_environment():
    chosen = gunicorn_settings(HOST="127.0.0.2", PORT="8123", WEB_CONCURRENCY="3")
    assert (chosen["bind"], chosen["workers"]) == ("['127.0.0.2:8123']", "3")
    default = gunicorn_settings()
    assert default["bind"] == "['127.0.0.1:8000']"
    assert default["workers"] == str(2 * len(os.sched_getaffinity(0)) + 1)
    # Only the proxy on the loopback may say a request came over HTTPS, and only by X-Forwarded-Proto.
    assert default["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    assert default["secure_scheme_headers"] == "{'X-FORWARDED-PROTO': 'https'}"
    assert (default["worker_class"], default["timeout"], default["accesslog"]) == ("sync", "30", "-")
    assert default["control_socket_disable"] == "True"  # two servers on one machine do not collide


# The database check.


class FakeCursor:
    """What a PostgreSQL server answers to the check's query about PostGIS."""

    def __init__(self, row):
        self.row = row
        self.queries = []

    def execute(self, query):
        self.queries.append(query)

    def fetchone(self):
        return self.row


def test_a_postgresql_without_postgis_is_named_with_the_package_to_install():
    check = script("check-database")
    cursor = FakeCursor(None)  # pg_available_extensions has no postgis
    with pytest.raises(check.Refused) as refused:
        check.check_postgis(cursor, url="postgis://zhanaozen:secret@db.example.org/zhanaozen", server_version=150008)
    assert "pg_available_extensions" in cursor.queries[0]
    message = str(refused.value)
    assert "lacks PostGIS" in message
    assert "postgresql-15-postgis-3" in message
    assert "postgis://zhanaozen@db.example.org/zhanaozen" in message
    assert "secret" not in message
    with pytest.raises(check.Refused, match="postgresql-16-postgis-3"):
        check.check_postgis(FakeCursor(None), url="postgis://db.example.org/zhanaozen", server_version=160004)


def test_postgis_that_this_user_may_not_add_to_the_database_is_said_so():
    check = script("check-database")
    with pytest.raises(check.Refused, match="CREATE EXTENSION postgis"):
        check.check_postgis(FakeCursor((None, "3.3.2", False)), url="postgis://u@h/zhanaozen", server_version=150008)
    # Added already, or added by the first migrate (a superuser may): nothing to say.
    check.check_postgis(FakeCursor(("3.3.2", "3.3.2", False)), url="postgis://u@h/zhanaozen", server_version=150008)
    check.check_postgis(FakeCursor((None, "3.3.2", True)), url="postgis://u@h/zhanaozen", server_version=150008)


def test_an_unreachable_database_is_named_without_its_password_and_without_a_traceback():
    # Nothing listens on port 1: the connection is refused at once.
    result = subprocess.run(
        [sys.executable, "scripts/check-database"],
        cwd=ROOT,
        env=environment(DATABASE_URL="postgis://zhanaozen:secret@127.0.0.1:1/p1_nothing"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Cannot connect to the database postgis://zhanaozen@127.0.0.1:1/p1_nothing: ")
    assert "secret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_spatialite_is_not_checked():
    check = script("check-database")
    check.check("")
    check.check("spatialite:////nowhere/db.sqlite3")


def test_the_postgresql_of_this_machine_passes_the_database_check():
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError as error:
        pytest.skip(f"PostgreSQL is not running on 127.0.0.1:5432 (CI starts it): {error}")
    check = script("check-database")
    try:
        check.check(POSTGRESQL)
    except check.Refused as refused:
        pytest.fail(f"PostgreSQL with PostGIS is needed on 127.0.0.1:5432 (CI starts it): {refused}")


def test_the_proxys_static_files_get_the_policy_of_what_is_not_a_page():
    """docs/deploy/nginx.conf serves the static files itself, with a copy of the policy WhiteNoise
    gives them (zhanaozen/policies.py): the copy follows the code."""
    from zhanaozen.policies import NOTHING_RUNS

    config = (ROOT / "docs" / "deploy" / "nginx.conf").read_text()
    copies = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', config)
    assert len(copies) == 2  # every static file; those with a hash in their name
    assert set(copies) == {NOTHING_RUNS}


# Warming up in gunicorn's master (zhanaozen/warmup.py, gunicorn.conf.py's when_ready).


@pytest.mark.django_db(transaction=True)
def test_the_master_warms_up_every_language_and_leaves_no_connection_to_its_workers(monkeypatch):
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    from tests.factories import EventFactory
    from zhanaozen import warmup

    event = EventFactory(slug="warm-event")
    asked = []
    real = warmup.request
    monkeypatch.setattr(warmup, "request", lambda application, path: asked.append(path) or real(application, path))
    real_close_all = connections.close_all
    monkeypatch.setattr(connections, "close_all", lambda: asked.append("closed") or real_close_all())
    said = warmup.warm_up(get_wsgi_application())
    assert said.startswith("Warmed up in ")
    assert "did not answer" not in said
    assert asked[-1] == "closed"  # after the last request
    for prefix in ("", "/ru", "/kk"):
        assert f"{prefix}/" in asked
        assert f"{prefix}{event.get_absolute_url()}" in asked
    assert {"/healthz", "/api/events/"} <= set(asked)
    database = connections["default"]
    if not getattr(database, "is_in_memory_db", lambda: False)():  # SQLite keeps a test's one open
        assert database.connection is None  # a forked worker opens its own


@pytest.mark.django_db(transaction=True)
def test_an_address_that_fails_to_warm_up_is_told_not_raised(monkeypatch):
    from django.core.wsgi import get_wsgi_application

    from zhanaozen import warmup

    monkeypatch.setattr(warmup, "PATHS", ["/no-such-page/"])
    said = warmup.warm_up(get_wsgi_application())
    assert "/no-such-page/ 404" in said
    assert "/ru/no-such-page/ 404" in said


@pytest.mark.django_db(transaction=True)
def test_when_ready_warms_up_then_freezes_what_the_workers_inherit():
    """gunicorn.conf.py's when_ready, as the master calls it before forking: it warms the application
    up and then freezes every object the master holds out of the garbage collector's reach (gc.freeze),
    so that the workers' collections do not copy the memory they share with it."""
    import gc
    import types

    from django.core.wsgi import get_wsgi_application

    loader = importlib.machinery.SourceFileLoader("gunicorn_conf", str(ROOT / "zhanaozen" / "gunicorn.conf.py"))
    config = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(config)
    said = []
    server = types.SimpleNamespace(
        cfg=types.SimpleNamespace(preload_app=True),
        app=types.SimpleNamespace(wsgi=get_wsgi_application),
        log=types.SimpleNamespace(info=said.append),
    )
    assert gc.get_freeze_count() == 0
    try:
        config.when_ready(server)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert said[0].startswith("Warmed up in ")
    assert (config.max_requests, config.max_requests_jitter) == (10000, 1000)
