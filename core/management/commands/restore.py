"""Replace the whole database with a backup made by ``manage.py backup``: ``make restore``.

The latest backup in ``BACKUP_DIR``, or ``--file`` (a name there, or a path). It asks first, in a
terminal; a script confirms with ``--yes``. Encrypted backups are decrypted with the gpg keyring's
key. django-dbbackup restores (SpatiaLite: into the open file; PostGIS: psql, in one transaction),
then the cache is emptied: the pages cached for the state the backup brings back were of that very
content, but nothing else that the cache held needs to survive a restore either.
"""

import sys

from dbbackup.db.exceptions import CommandConnectorError
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core import backups


class Command(BaseCommand):
    help = "Replace the database with a backup: the latest in BACKUP_DIR, or --file. Asks first unless --yes."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="The backup: a name in BACKUP_DIR, or a path. The latest if not given.")
        parser.add_argument(
            "--yes", action="store_true", help="Restore without asking (for scripts: make restore YES=1)."
        )

    def handle(self, *args, file, yes, **options):
        try:
            path = backups.find(file)
            backups.check_fits_database(path)
        except backups.BackupError as error:
            raise CommandError(error) from error
        database = settings.DATABASES["default"]["NAME"]
        if not yes:
            self.confirm(f"Replace everything in the database {database} with the backup {path}?")
        try:
            with backups.decrypted(path) as plain:
                call_command(
                    "dbrestore",
                    input_path=str(plain),
                    uncompress=plain.suffix == ".gz",
                    interactive=False,
                    verbosity=0,
                )
        except (backups.BackupError, CommandConnectorError) as error:
            raise CommandError(f"Nothing was restored. {error}") from error
        connections.close_all()
        cache.clear()
        self.stdout.write(self.style.SUCCESS(f"Restored {path} into {database}; the cache is emptied."))

    def confirm(self, question: str) -> None:
        if not sys.stdin.isatty():
            raise CommandError(
                f"{question} Not without confirmation: run it in a terminal to be asked, "
                "or confirm with --yes (make restore YES=1)."
            )
        if input(f"{question} Type yes to go on: ").strip().lower() != "yes":
            raise CommandError("Nothing was restored.")
