"""Backups (core.backups; manage.py backup and restore, make backup and restore): an encrypted round
trip on SpatiaLite that compares every row (PostGIS's: test_backups_postgis.py, a file of its own so
that pytest-xdist runs the two at once), and a restore that asks first."""

import io
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
from dbbackup.db.base import get_connector
from django.core.management import call_command
from django.core.management.base import CommandError

from core.backups import find

from .backup_roundtrip import round_trip

RECIPIENT = "Zhanaozen backups test <backups@example.org>"


@pytest.fixture
def gpg_home():
    """A keyring of its own with a key without passphrase; its gpg-agent stopped afterwards."""
    if not shutil.which("gpg"):
        pytest.skip("gpg is not installed (Debian: gnupg; make test installs it)")
    # Short: gpg-agent's socket goes in it, and a socket's path has at most 107 characters.
    with tempfile.TemporaryDirectory(prefix="zh-gpg-") as home:
        env = {**os.environ, "GNUPGHOME": home}
        subprocess.run(
            [
                "gpg",
                "--batch",
                "--passphrase",
                "",
                "--quick-generate-key",
                RECIPIENT,
                "future-default",
                "default",
                "never",
            ],
            env=env,
            capture_output=True,
            check=True,
        )
        try:
            yield home
        finally:
            subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=env, capture_output=True, check=False)


def test_round_trip_on_spatialite_encrypted_restores_every_row(tmp_path, gpg_home):
    round_trip(
        f"spatialite:///{tmp_path / 'db.sqlite3'}",
        tmp_path / "backups",
        GNUPGHOME=gpg_home,
        BACKUP_GPG_RECIPIENT="backups@example.org",
    )


@pytest.fixture
def backup_dir(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path
    return tmp_path


def a_backup(directory, stamp: str, extension: str | None = None):
    path = directory / f"zhanaozen-default-host-{stamp}.{extension or get_connector().extension}.gz"
    path.write_bytes(b"not restored in these tests")
    return path


def test_the_latest_backup_is_the_one_dated_last(backup_dir):
    a_backup(backup_dir, "2026-03-01-120000")
    latest = a_backup(backup_dir, "2026-03-02-010000")
    a_backup(backup_dir, "2026-02-28-235959")
    assert find() == latest


def test_restore_without_a_terminal_refuses_unless_confirmed(backup_dir, monkeypatch):
    backup = a_backup(backup_dir, "2026-03-01-120000")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(CommandError, match=r"Not without confirmation.*make restore YES=1") as refused:
        call_command("restore")
    assert str(backup) in str(refused.value)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_restore_asks_first_and_stops_unless_told_yes(backup_dir, monkeypatch):
    a_backup(backup_dir, "2026-03-01-120000")
    questions = []
    monkeypatch.setattr(sys, "stdin", Terminal(""))
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "y")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore")
    assert "Replace everything in the database" in questions[0]


def test_restore_without_backups_says_where_it_looked(backup_dir):
    with pytest.raises(CommandError, match=f"There is no backup in {backup_dir}"):
        call_command("restore", yes=True)


def test_restore_of_an_unknown_file_names_it(backup_dir):
    with pytest.raises(CommandError, match="No backup named nothing-here.gz"):
        call_command("restore", file="nothing-here.gz", yes=True)


def test_restore_refuses_a_backup_of_another_kind_of_database(backup_dir):
    other = "psql" if get_connector().extension == "sqlite3" else "sqlite3"
    backup = a_backup(backup_dir, "2026-03-01-120000", extension=other)
    with pytest.raises(CommandError, match="is not a backup of this kind of database"):
        call_command("restore", file=backup.name, yes=True)


def test_backup_for_a_key_not_in_the_keyring_says_so(backup_dir, settings, gpg_home, monkeypatch):
    monkeypatch.setenv("GNUPGHOME", gpg_home)
    settings.DBBACKUP_GPG_RECIPIENT = "nobody@example.org"
    with pytest.raises(CommandError, match=r"No GPG key for nobody@example.org \(BACKUP_GPG_RECIPIENT\)"):
        call_command("backup")
    assert not list(backup_dir.iterdir())
