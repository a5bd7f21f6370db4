"""Add (or remove) synthetic events, for benchmarks of the API and the explorer at scale."""

from django.core.management.base import BaseCommand, CommandError

from timeline.synthetic import delete_synthetic_events, make_synthetic_events


class Command(BaseCommand):
    help = "Add COUNT synthetic published events (slug prefix 'synthetic-'), or remove them with --delete."

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=10_000)
        parser.add_argument("--delete", action="store_true", help="Remove every synthetic event instead.")
        parser.add_argument("--seed", type=int, default=2011)

    def handle(self, *args, count, delete, seed, **options):
        if delete:
            self.stdout.write(self.style.SUCCESS(f"Removed {delete_synthetic_events()} synthetic rows."))
            return
        if count < 1:
            raise CommandError("COUNT must be a positive number.")
        try:
            made = make_synthetic_events(count=count, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Added {made} synthetic events."))
