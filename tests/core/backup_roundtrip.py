"""A backup's round trip on a real database, run by tests/core/test_backups.py in a process of its own
(``python -m tests.core.backup_roundtrip``) with ``DATABASE_URL`` and ``BACKUP_DIR`` set: the test
suite's own database is in memory (SpatiaLite) or inside a test transaction, where no backup reaches.

It loads the content, adds an editor and history, backs up, changes and deletes, restores, and checks
that every row of every table is as it was at backup time. Exits non-zero, saying what differs, if not.
"""

import contextlib
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent.parent


def round_trip(database_url: str, backup_dir, **env) -> None:
    """This module in a process of its own, on that database."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.core.backup_roundtrip"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.test",
            "DATABASE_URL": database_url,
            "BACKUP_DIR": str(backup_dir),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical" in result.stdout


def every_row() -> dict[str, list[str]]:
    """Every table's rows, as text, sorted: the content, the history, the accounts, and the spatial
    database's own tables (SpatiaLite's metadata and spatial indexes, PostGIS's reference systems)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        # SQLite's own values, without Django's conversions (which fail on SpatiaLite's own tables).
        with contextlib.closing(sqlite3.connect(connection.settings_dict["NAME"])) as database:
            database.enable_load_extension(True)
            database.load_extension("mod_spatialite")  # SpatiaLite's virtual tables
            tables = database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            return {
                table: sorted(repr(row) for row in database.execute(f'SELECT * FROM "{table}"'))  # noqa: S608
                for (table,) in tables.fetchall()
            }
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        rows = {}
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhanaozen.settings.test")
    django.setup()

    import reversion
    from django.contrib.auth import get_user_model
    from django.contrib.gis.geos import Point
    from django.core.cache import cache
    from django.core.management import call_command
    from reversion.models import Version

    from core.backups import backups
    from core.freshness import content_state
    from geo.models import Place
    from timeline.models import Event
    from timeline.services import create_editor
    from tours.models import Tour

    call_command("migrate", verbosity=0)
    call_command("load_content", stdout=io.StringIO())
    editor = create_editor(username="backup-editor", email="editor@example.org", password="correct horse battery")
    with reversion.create_revision():
        event = Event.objects.order_by("pk").first()
        event.title = f"{event.title} (edited)"
        event.save()
        reversion.set_user(editor)
        reversion.set_comment("Edited before the backup.")

    at_backup, state = every_row(), content_state()
    for table in ("timeline_event", "reversion_version", "auth_user"):
        assert at_backup[table], f"nothing in {table} to back up"
    call_command("backup", stdout=io.StringIO())
    (made,) = backups()
    expect_encrypted = bool(os.environ.get("BACKUP_GPG_RECIPIENT"))
    assert made.name.endswith(".gz.gpg" if expect_encrypted else ".gz"), made.name
    if expect_encrypted:
        assert b"auth_user" not in made.read_bytes(), "the encrypted backup shows its tables"

    # What a bad day does: deletions, edits, a new account, new history, a changed password.
    Tour.objects.order_by("pk").first().delete()
    Version.objects.filter(pk__in=Version.objects.order_by("pk").values("pk")[:5]).delete()
    place = Place.objects.order_by("pk").first()
    place.geom = Point(0, 0, srid=4326)
    place.save()
    with reversion.create_revision():
        event.title = "Changed after the backup"
        event.save()
    editor.set_password("another password entirely")
    editor.save()
    get_user_model().objects.create_user("after-the-backup")
    assert every_row() != at_backup, "the changes changed nothing"
    assert content_state() != state, "the changes did not change the content's state"
    cache.set("page:cached-before-the-restore", "stale")

    call_command("restore", yes=True, stdout=io.StringIO())

    restored = every_row()
    differing = sorted(
        table for table in at_backup.keys() | restored.keys() if at_backup.get(table) != restored.get(table)
    )
    assert not differing, f"tables that differ from the backup after the restore: {differing}"
    assert content_state() == state, "the content's state is not the one backed up"
    assert cache.get("page:cached-before-the-restore") is None, "the cache survived the restore"
    # The geometry came back, and spatial lookups (and SpatiaLite's spatial index) work on it.
    place = Place.objects.get(pk=place.pk)
    assert place.geom != Point(0, 0, srid=4326)
    assert Place.objects.filter(geom__dwithin=(place.geom, 0.001)).filter(pk=place.pk).exists()
    # New rows take new ids (SQLite's and PostgreSQL's sequences came back too).
    get_user_model().objects.create_user("after-the-restore")
    print(f"round trip of {len(restored)} tables, {sum(map(len, restored.values()))} rows: identical")


if __name__ == "__main__":
    main()
