"""A backup's round trip on PostGIS (pg_dump, psql) that compares every row: core.backups,
manage.py backup and restore. As in production, the database belongs to a user who is no
superuser, and the postgis extension to the superuser who created it."""

import os
import secrets
import shutil

import dj_database_url
import pytest

from .backup_roundtrip import round_trip


@pytest.fixture
def postgis_url(worker_id):
    """A database and its owner of this test's own (one per pytest-xdist worker), made by the user of
    the suite's DATABASE_URL when that is PostGIS, else by postgres@127.0.0.1:5432; dropped afterwards."""
    psycopg2 = pytest.importorskip("psycopg2")
    for tool in ("pg_dump", "psql"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is not installed (Debian: postgresql-client)")
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgis://"):
        server = "postgis://postgres@127.0.0.1:5432/postgres"
    config = dj_database_url.parse(server)
    host, port = config["HOST"] or "127.0.0.1", config["PORT"] or 5432
    try:
        admin = psycopg2.connect(
            dbname="postgres", host=host, port=port, user=config["USER"], password=config["PASSWORD"], connect_timeout=3
        )
    except psycopg2.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {host}:{port} (CI starts it): {error}")
    admin.autocommit = True
    name, password = f"p3_backup_roundtrip_{worker_id}", secrets.token_hex(16)

    def drop():
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'DROP ROLE IF EXISTS "{name}"')

    drop()
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
        cursor.execute(f'CREATE DATABASE "{name}" OWNER "{name}"')
    new = psycopg2.connect(dbname=name, host=host, port=port, user=config["USER"], password=config["PASSWORD"])
    with new, new.cursor() as cursor:
        cursor.execute("CREATE EXTENSION postgis")
    new.close()
    try:
        yield f"postgis://{name}:{password}@{host}:{port}/{name}"
    finally:
        drop()
        admin.close()


def test_round_trip_on_postgis_restores_every_row(tmp_path, postgis_url):
    round_trip(postgis_url, tmp_path / "backups")
