"""Back up the whole database (content, history, editors' accounts) into ``BACKUP_DIR``: ``make backup``.

django-dbbackup makes the dump (SpatiaLite: SQLite's backup of the file; PostGIS: pg_dump), gzips it,
encrypts it for ``BACKUP_GPG_RECIPIENT`` when one is set, names it with the date and time, and deletes
the oldest beyond ``BACKUP_KEEP``.
"""

from dbbackup.db.exceptions import CommandConnectorError
from dbbackup.utils import EncryptionError
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.backups import backups


class Command(BaseCommand):
    help = "Back up the database into BACKUP_DIR, compressed, and encrypted when BACKUP_GPG_RECIPIENT is set."

    def handle(self, *args, **options):
        recipient = settings.DBBACKUP_GPG_RECIPIENT
        if recipient:
            self.check_key(recipient)
        before = set(backups())
        try:
            call_command("dbbackup", compress=True, encrypt=bool(recipient), clean=True, interactive=False, verbosity=0)
        except EncryptionError as error:
            raise CommandError(
                f"Could not encrypt the backup for {recipient} (BACKUP_GPG_RECIPIENT): {error}. Is that key in "
                "the gpg keyring of the user running the backup (gpg --list-keys)?"
            ) from error
        except CommandConnectorError as error:
            raise CommandError(f"The database could not be dumped. {error}") from error
        made = sorted(set(backups()) - before)
        if not made:
            raise CommandError(f"No backup was written to {settings.BACKUP_DIR}.")
        self.stdout.write(self.style.SUCCESS(f"Backed up to {made[-1]}"))
        if recipient:
            self.stdout.write(f"Encrypted for {recipient}.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Not encrypted (no BACKUP_GPG_RECIPIENT): it holds the editors' password hashes, keep it private."
                )
            )

    def check_key(self, recipient: str) -> None:
        """gpg must be there and know the key; it fails obscurely otherwise."""
        import gnupg

        try:
            keys = gnupg.GPG().list_keys(keys=[recipient])
        except OSError as error:
            raise CommandError(
                f"BACKUP_GPG_RECIPIENT is set, but gpg cannot be run ({error}): install gnupg."
            ) from error
        if not keys:
            raise CommandError(
                f"No GPG key for {recipient} (BACKUP_GPG_RECIPIENT) in the keyring of the user running the backup: "
                "import it with gpg --import, or check the name (gpg --list-keys)."
            )
