"""Backups of the whole database with django-dbbackup: finding them, decrypting them, and the
SpatiaLite connector that restores them in place.

``manage.py backup`` and ``manage.py restore`` (``make backup``, ``make restore``) use this; README,
"Backups", says how to run, schedule and rehearse them.
"""

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from dbbackup import utils
from dbbackup.db.base import get_connector
from dbbackup.db.postgresql import PgDumpGisConnector
from dbbackup.db.sqlite import SqliteBackupConnector
from django.conf import settings


def regexp(pattern, value):
    """SQLite's ``X REGEXP Y``, as Django's SQLite backend defines it."""
    if pattern is None or value is None:
        return None
    return bool(re.search(pattern, str(value)))


class BackupError(Exception):
    """A backup that cannot be found, read or restored here; the message says why."""


class SpatiaLiteConnector(SqliteBackupConnector):
    """dbbackup's SQLite connector: the backup is SQLite's online backup of the whole file, so
    SpatiaLite's metadata, its spatial indexes and the geometry come along as they are.

    Its restore writes the backup over the database file, which corrupts a database that a running
    server holds open (or that has a write-ahead log beside it). This one copies the backup into the
    open database through the same backup API, in one step that readers and writers wait for.
    """

    def restore_dump(self, dump):
        with tempfile.TemporaryDirectory() as directory:
            copy = Path(directory) / "backup.sqlite3"
            with copy.open("wb") as file:
                shutil.copyfileobj(dump, file)
            source = sqlite3.connect(copy)
            # The schema's checks use REGEXP (a place's gazetteer identifiers), which SQLite leaves to
            # the application: Django defines it on its connections, this one needs it too.
            source.create_function("REGEXP", 2, regexp, deterministic=True)
            try:
                if source.execute("PRAGMA quick_check").fetchone() != ("ok",):
                    raise BackupError("The backup is damaged (SQLite's check of the file failed).")
                self.connection.ensure_connection()
                source.backup(self.connection.connection)
            except sqlite3.DatabaseError as error:
                raise BackupError(f"The backup is not a readable SQLite database: {error}.") from error
            finally:
                source.close()
                # Whatever this connection knew of the old database (SpatiaLite's caches) is gone.
                self.connection.close()


class PostGISConnector(PgDumpGisConnector):
    """dbbackup's PostGIS connector (pg_dump's SQL, restored by psql in one transaction, dropping
    and recreating every table first), made to restore as the user who owns the database, without
    being a superuser, into the same database or into another (a rehearsal's):

    - the dump names no owner, grants no privilege and has no comment (the one it would have is the
      PostGIS extension's, which only its owner may set), nor the rows of PostGIS's own table of
      reference systems (any that were added: the extension has the standard ones, and only its
      owner may write there);
    - the restore leaves the postgis extension in place rather than dropping it: it belongs to the
      superuser who created it, and tables the backup does not know may depend on it. The dump's
      ``CREATE EXTENSION IF NOT EXISTS`` creates it in an empty database, where the user may.
    """

    dump_suffix = "--no-owner --no-privileges --no-comments"
    exclude: ClassVar[list[str]] = ["public.spatial_ref_sys"]

    def _restore_dump(self, dump):
        with tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024) as kept:
            for line in dump:
                if not line.startswith(b"DROP EXTENSION IF EXISTS postgis;"):
                    kept.write(line)
            kept.seek(0)
            return super()._restore_dump(kept)


def backups() -> list[Path]:
    """The backups in ``BACKUP_DIR``, oldest first (by the date in their names, as dbbackup's)."""
    directory = Path(settings.BACKUP_DIR)
    if not directory.is_dir():
        return []
    found = [
        path
        for path in directory.iterdir()
        if path.is_file() and not path.name.endswith(".metadata") and utils.filename_to_date(path.name)
    ]
    return sorted(found, key=lambda path: (utils.filename_to_date(path.name), path.name))


def find(name: str | None = None) -> Path:
    """The backup to restore: the latest, or the one named (a path, or a name in ``BACKUP_DIR``)."""
    if not name:
        found = backups()
        if not found:
            raise BackupError(f"There is no backup in {settings.BACKUP_DIR} (BACKUP_DIR). Make one with make backup.")
        return found[-1]
    for path in (Path(name), Path(settings.BACKUP_DIR) / name):
        if path.is_file():
            return path
    raise BackupError(f"No backup named {name}: neither a file nor a file in {settings.BACKUP_DIR} (BACKUP_DIR).")


def check_fits_database(path: Path) -> None:
    """Refuse a backup of another kind of database (SpatiaLite's into PostGIS, or the reverse): its
    name carries the extension of the connector that made it."""
    extension = get_connector().extension
    if f".{extension}" not in path.name:
        raise BackupError(
            f"{path.name} is not a backup of this kind of database: a backup of "
            f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} has .{extension} in its name."
        )


@contextlib.contextmanager
def decrypted(path: Path) -> Iterator[Path]:
    """The backup itself, or, when it is encrypted (``.gpg``), a decrypted copy in a temporary
    directory for as long as it is needed. The key is the gpg keyring's; its passphrase comes from
    ``BACKUP_GPG_PASSPHRASE`` or from gpg-agent."""
    if path.suffix != ".gpg":
        yield path
        return
    import gnupg

    with tempfile.TemporaryDirectory() as directory:
        output = Path(directory) / path.stem
        with path.open("rb") as file:
            result = gnupg.GPG().decrypt_file(
                file, passphrase=os.environ.get("BACKUP_GPG_PASSPHRASE") or None, output=str(output)
            )
        if not result.ok:
            raise BackupError(
                f"Could not decrypt {path.name} ({result.status or 'gpg failed'}): its private key must be in the "
                "gpg keyring of the user restoring, with its passphrase in BACKUP_GPG_PASSPHRASE or gpg-agent."
            )
        yield output
