"""Create an editor account: staff, in the Editors group (``--publisher``: and the Publishers group),
not a superuser."""

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from timeline.services import create_editor


class Command(BaseCommand):
    help = "Create an editor account that can edit content in the admin but not manage users."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="Asked for when not given.")
        parser.add_argument("--email", default="", help="The editor's email address (optional).")
        parser.add_argument(
            "--publisher", action="store_true", help="Also a publisher: may publish and unpublish events."
        )
        parser.add_argument(
            "--password-from-stdin",
            action="store_true",
            help="Read the password from standard input instead of asking (for scripts).",
        )

    def handle(self, *args, username, email, publisher, password_from_stdin, **options):
        username = username or input("Username: ").strip()
        if not username:
            raise CommandError("A username is required.")
        if password_from_stdin:
            password = options.get("stdin", sys.stdin).readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ. Nothing was created.")
        try:
            validate_password(password)
            user = create_editor(username=username, email=email, password=password, publisher=publisher)
        except ValidationError as error:
            raise CommandError("Nothing was created. " + " ".join(error.messages)) from error
        role = "Publisher" if publisher else "Editor"
        self.stdout.write(self.style.SUCCESS(f"{role} {user.username} created. Sign in at /admin/."))
