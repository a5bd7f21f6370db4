"""Loading the content into an empty database: the command, a dry run, and files that load
nothing, each naming what is wrong."""

import json
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from geo.models import Place
from timeline.models import Account, Event
from timeline.services import CONTENT_FILES, load_content

pytestmark = pytest.mark.django_db
CONTENT = settings.CONTENT_FIXTURES_DIR


@pytest.fixture
def broken_copy(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(CONTENT / f"{name}.json", tmp_path / f"{name}.json")
    return tmp_path


def test_make_run_loads_through_the_command_twice(db, capsys):
    call_command("load_content")
    call_command("load_content")
    assert "created 0, updated 0" in capsys.readouterr().out


def test_dry_run_writes_nothing(db):
    report = load_content(directory=CONTENT, dry_run=True)
    assert report.total_created > 0
    assert not Event.objects.exists()
    assert not Place.objects.exists()


def test_a_malformed_file_loads_nothing_and_is_named(db, broken_copy):
    (broken_copy / "events.json").write_text("[{ not json")
    with pytest.raises(CommandError, match="events.json"):
        call_command("load_content", directory=broken_copy)
    assert not Place.objects.exists()


def refused_with_first_changed(folder, name, field, value, says):
    """The content in ``folder`` with the first object of ``name``.json given ``field`` = ``value``:
    the load refuses it, saying ``says``."""
    objects = json.loads((folder / f"{name}.json").read_text())
    objects[0]["fields"][field] = value
    (folder / f"{name}.json").write_text(json.dumps(objects))
    with pytest.raises(CommandError, match=says):
        call_command("load_content", directory=folder)


def test_a_reference_to_an_unknown_slug_loads_nothing(db, broken_copy):
    refused_with_first_changed(broken_copy, "events", "place", ["atlantis"], "Nothing was loaded")
    assert not Place.objects.exists()


def test_a_published_event_without_citation_loads_nothing(db, broken_copy):
    citations = json.loads((broken_copy / "citations.json").read_text())
    first_event = citations[0]["fields"]["event"]
    kept = [c for c in citations if c["fields"]["event"] != first_event]
    (broken_copy / "citations.json").write_text(json.dumps(kept))
    with pytest.raises(CommandError, match=first_event[0]):
        call_command("load_content", directory=broken_copy)
    assert not Event.objects.exists()


def test_a_missing_file_is_named(db, broken_copy):
    (broken_copy / "actors.json").unlink()
    with pytest.raises(CommandError, match="actors.json"):
        call_command("load_content", directory=broken_copy)


def test_an_account_whose_source_the_event_does_not_cite_loads_nothing(db, broken_copy):
    refused = "labourstart-campaign-2092"
    refused_with_first_changed(broken_copy, "accounts", "source", [refused], refused)
    assert not Event.objects.exists()


def test_an_accounts_translation_is_found_by_its_event_topic_source_and_claim(db, broken_copy):
    (broken_copy / "translations").mkdir()
    key = "2012-03-trial-of-the-37/When the trial of the 37 took place/industriall-2013-campaign/March 2012"
    translation = {"accounts": {key: {"topic": "Когда прошёл процесс 37", "claim": "март 2012 года"}}}
    (broken_copy / "translations" / "ru.json").write_text(json.dumps(translation), encoding="utf-8")
    load_content(directory=broken_copy)
    account = Account.objects.get(event__slug="2012-03-trial-of-the-37", claim_en="March 2012")
    assert (account.topic_ru, account.claim_ru) == ("Когда прошёл процесс 37", "март 2012 года")
