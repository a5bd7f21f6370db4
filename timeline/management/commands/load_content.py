"""Load the project's content (``fixtures/*.json``) into the database.

Idempotent: objects are matched by slug, so running it again creates nothing new. Objects that
already exist are left as editors may have changed them, unless ``--update`` is given.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline.services import ContentError, load_content


class Command(BaseCommand):
    help = "Load the content fixtures (categories, places, actors, sources, events, citations, tours) by slug."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", type=Path, default=settings.CONTENT_FIXTURES_DIR, help="Where the JSON files are."
        )
        parser.add_argument("--update", action="store_true", help="Overwrite existing objects with the files' version.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, write nothing.")

    def handle(self, *args, directory, update, dry_run, **options):
        try:
            report = load_content(directory=directory, update=update, dry_run=dry_run)
        except ContentError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        prefix = "Dry run, nothing written: would have " if dry_run else ""
        unchanged = sum(report.unchanged.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}created {report.total_created}, updated {report.total_updated}, left {unchanged} unchanged."
            )
        )
        for label, count in sorted(report.created.items()):
            self.stdout.write(f"  created {count} {label}")
        for label, count in sorted(report.updated.items()):
            self.stdout.write(f"  updated {count} {label}")
