"""A backup's round trip on PostGIS (pg_dump, psql) that compares every row: core.backups,
manage.py backup and restore."""

import os
import shutil

import dj_database_url
import pytest

from .backup_roundtrip import round_trip


@pytest.fixture
def postgis_url(worker_id):
    """A database of this test's own (one per pytest-xdist worker) on the PostgreSQL of the suite's
    DATABASE_URL when that is PostGIS, else on postgres@127.0.0.1:5432; dropped afterwards."""
    psycopg2 = pytest.importorskip("psycopg2")
    for tool in ("pg_dump", "psql"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is not installed (Debian: postgresql-client)")
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgis://"):
        server = "postgis://postgres@127.0.0.1:5432/postgres"
    config = dj_database_url.parse(server)
    credentials = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
    }
    try:
        admin = psycopg2.connect(dbname="postgres", connect_timeout=3, **credentials)
    except psycopg2.OperationalError as error:
        pytest.skip(
            f"PostgreSQL is not reachable at {credentials['host']}:{credentials['port']} (CI starts it): {error}"
        )
    admin.autocommit = True
    name = f"p3_backup_roundtrip_{worker_id}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{credentials['password']}" if credentials["password"] else ""
        yield f"postgis://{credentials['user']}{password}@{credentials['host']}:{credentials['port']}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_round_trip_on_postgis_restores_every_row(tmp_path, postgis_url):
    round_trip(postgis_url, tmp_path / "backups")
