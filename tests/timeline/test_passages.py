"""A passage (``locator``) of a citation, an account or a demand: a quotation stays in its source's
words; the team's summary of a source ("As summarised in the project's source notes: …") is shown in
the page's language, or in English marked "not yet translated"."""

import json
import re

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from reversion.models import Version

from core.admin import untranslated
from demands.models import Demand
from tests.factories import DemandFactory, EventFactory, SourceFactory
from timeline.models import SUMMARY_PREFIX, Account, Citation
from timeline.services import ContentError, LoadReport, _load_translations

pytestmark = pytest.mark.django_db

SUMMARY = "Police opened fire. Official toll at the time: at least 15 killed"
RUSSIAN = "Полиция открыла огонь. Официальное число жертв на тот момент: не менее 15 убитых"
QUOTATION = "“police opened fire on the crowd”"


@pytest.fixture
def cited():
    """An event citing one source with a summary (translated into Russian only) and one with a quotation."""
    event = EventFactory(slug="massacre", title="Police open fire", cited=False)
    summarised = Citation.objects.create(
        event=event, source=SourceFactory(slug="reuters", language="en"), locator=f"{SUMMARY_PREFIX} {SUMMARY}"
    )
    summarised.locator_ru = RUSSIAN
    summarised.save()
    Citation.objects.create(event=event, source=SourceFactory(slug="vlast", language="ru"), locator=QUOTATION)
    return event


def summaries(page: str) -> list[str]:
    return re.findall(r'<p class="passage-summary"><span class="passage-label">[^<]*</span> (.*?)</p>', page)


def test_a_summary_is_in_the_pages_language_or_the_english_marked_as_such(client, cited):
    assert summaries(client.get("/events/massacre/").content.decode()) == [SUMMARY]
    assert summaries(client.get("/ru/events/massacre/").content.decode()) == [RUSSIAN]
    kazakh = summaries(client.get("/kk/events/massacre/").content.decode())
    assert kazakh == [f'<span lang="en" class="untranslated" data-note="әлі аударылмаған">{SUMMARY}</span>']
    # The explorer's panel of the event too.
    assert summaries(client.get("/ru/events/massacre/panel/").content.decode()) == [RUSSIAN]


def test_a_quotation_stays_in_its_sources_words_on_every_page(client, cited):
    for prefix in ("", "/ru", "/kk"):
        page = client.get(f"{prefix}/events/massacre/").content.decode()
        assert '<blockquote lang="ru">“police opened fire on the crowd”</blockquote>' in page


def test_a_quotation_is_not_translated_the_model_says_why_and_the_database_refuses_it(cited):
    quotation = Citation.objects.get(source__slug="vlast")
    quotation.locator_kk = "«полиция тобырға оқ атты»"
    with pytest.raises(ValidationError) as error:
        quotation.full_clean()
    assert "a quotation stays in its source's words" in str(error.value.message_dict["locator_kk"])
    with pytest.raises(IntegrityError), transaction.atomic():
        quotation.save()
    # A summary may be translated: the same check passes.
    Citation.objects.get(source__slug="reuters").full_clean()


def test_an_account_and_a_demand_are_held_to_the_same_rule(cited):
    account = Account(
        event=cited, topic="The dead", source=Citation.objects.get(source__slug="vlast").source, claim="15 killed"
    )
    account.locator_en, account.locator_ru = QUOTATION, "«полиция открыла огонь»"
    with pytest.raises(ValidationError) as error:
        account.full_clean()
    assert set(error.value.message_dict) == {"locator_ru"}
    demand = DemandFactory(slug="release")
    demand.locator_ru = "«освободить задержанных»"
    with pytest.raises(ValidationError) as error:
        demand.full_clean()
    assert set(error.value.message_dict) == {"locator_ru"}
    with pytest.raises(IntegrityError), transaction.atomic():
        demand.save()


def test_a_demands_summary_is_shown_translated_on_the_page_of_demands(client):
    demand = DemandFactory(slug="release", locator=f"{SUMMARY_PREFIX} About 500 workers struck in Zhetybai.")
    demand.locator_ru = "Около 500 работников забастовали в Жетыбае."
    demand.save()
    assert summaries(client.get("/ru/demands/").content.decode()) == ["Около 500 работников забастовали в Жетыбае."]
    assert summaries(client.get("/demands/").content.decode()) == ["About 500 workers struck in Zhetybai."]


def test_missing_translations_count_a_summary_not_a_quotation(cited):
    missing = Citation.objects.filter(untranslated(Citation, "kk"))
    assert list(missing.values_list("source__slug", flat=True)) == ["reuters"]
    # In Russian the summary is translated and the quotation never needs one.
    assert not Citation.objects.filter(untranslated(Citation, "ru")).exclude(note_en="").exists()
    assert not Citation.objects.filter(untranslated(Citation, "ru"), source__slug="vlast").exists()


def test_a_translation_file_may_translate_a_summary_but_not_a_quotation(cited, tmp_path):
    path = tmp_path / "kk.json"
    path.write_text(json.dumps({"citations": {"massacre/reuters": {"locator": "Полиция оқ атты."}}}))
    _load_translations(path, update=False, report=LoadReport())
    assert Citation.objects.get(source__slug="reuters").locator_kk == "Полиция оқ атты."
    path.write_text(json.dumps({"citations": {"massacre/vlast": {"locator": "«полиция оқ атты»"}}}))
    with pytest.raises(ContentError, match=r"kk\.json: citations 'massacre/vlast': locator_kk: Only a summary"):
        _load_translations(path, update=False, report=LoadReport())
    assert not Citation.objects.get(source__slug="vlast").locator_kk


def test_the_api_gives_the_passage_as_written_in_every_language(client, cited):
    for query in ("", "?lang=ru"):
        data = client.get(f"/api/events/massacre/{query}").json()
        assert sorted(citation["locator"] for citation in data["citations"]) == [
            f"{SUMMARY_PREFIX} {SUMMARY}",
            QUOTATION,
        ]


def test_the_api_gives_a_summary_in_the_language_asked_for_as_the_pages_do(client, cited):
    """Beside the passage as written, ``summary``: the team's summary in the language asked for, or the
    English where it is not yet translated, with ``summary_language`` as every translated text has its
    language; null for a quotation. A citation's, an account's and a demand's."""
    Account.objects.create(
        event=cited,
        topic="Deaths",
        source=Citation.objects.get(source__slug="reuters").source,
        claim="at least 15",
        locator=f"{SUMMARY_PREFIX} {SUMMARY}",
        locator_ru=RUSSIAN,
    )
    demand = DemandFactory(slug="release", locator=f"{SUMMARY_PREFIX} {SUMMARY}")
    demand.locator_ru = RUSSIAN
    demand.save()
    expected = {"": (SUMMARY, "en"), "?lang=ru": (RUSSIAN, "ru"), "?lang=kk": (SUMMARY, "en")}
    for query, summary in expected.items():
        data = client.get(f"/api/events/massacre/{query}").json()
        by_source = {item["source"]["slug"]: item for item in data["citations"]}
        assert (by_source["reuters"]["summary"], by_source["reuters"]["summary_language"]) == summary
        assert (by_source["vlast"]["summary"], by_source["vlast"]["summary_language"]) == (None, None)
        account = data["accounts"][0]
        assert (account["summary"], account["summary_language"]) == summary
        answer = client.get(f"/api/demands/release/{query}").json()
        assert (answer["summary"], answer["summary_language"]) == summary
    schema = client.get("/api/schema/?format=json").json()
    for name in ("Citation", "Account", "Demand"):
        properties = schema["components"]["schemas"][name]["properties"]
        assert properties["summary"]["nullable"] is True, name
        assert properties["summary_language"]["nullable"] is True, name
        assert {"$ref": "#/components/schemas/LanguageEnum"} in properties["summary_language"]["oneOf"], name
    assert schema["components"]["schemas"]["LanguageEnum"]["enum"] == ["en", "ru", "kk"]


def test_a_version_recorded_before_passages_were_translated_shows_its_english_marked(client, cited):
    """A citation recorded in the history before its passage and note had translations holds them under
    ``locator`` and ``note`` alone: on a Russian page they are the English, marked as such."""
    with reversion.create_revision():
        cited.save()
        for citation in cited.citations.all():
            citation.save()
    for version in Version.objects.get_for_model(Citation):
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        fields["locator"] = fields.pop("locator_en")
        fields["note"] = "The official toll."
        for name in ("locator_ru", "locator_kk", "note_en", "note_ru", "note_kk"):
            fields.pop(name)
        version.serialized_data = json.dumps(data)
        version.save()
    event_version = Version.objects.get_for_object(cited).get()
    page = client.get(f"/ru/events/massacre/history/{event_version.pk}/").content.decode()
    assert summaries(page) == [f'<span lang="en" class="untranslated" data-note="ещё не переведено">{SUMMARY}</span>']
    assert '<blockquote lang="ru">“police opened fire on the crowd”</blockquote>' in page
    note = '<span lang="en" class="untranslated" data-note="ещё не переведено">The official toll.</span>'
    assert page.count(note) == 2


def test_every_shipped_summary_is_in_russian_and_kazakh(client, db):
    """The content's summarised passages (citations, accounts, demands) have their Russian and Kazakh,
    and the pages show them, none marked "not yet translated"; no quotation is translated."""
    from django.conf import settings

    from timeline.services import load_content

    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    for model, least in ((Citation, 30), (Account, 5), (Demand, 3)):
        summarised = model.objects.filter(locator_en__startswith=SUMMARY_PREFIX)
        assert summarised.count() >= least, model
        for row in summarised:
            assert row.locator_ru, row
            assert row.locator_kk, row
            assert not row.locator_ru.startswith(SUMMARY_PREFIX)
            assert not row.locator_kk.startswith(SUMMARY_PREFIX)
        quoted = model.objects.exclude(locator_en__startswith=SUMMARY_PREFIX)
        assert not quoted.exclude(locator_ru__isnull=True).exclude(locator_ru="").exists(), model
    citation = Citation.objects.filter(locator_en__startswith=SUMMARY_PREFIX).select_related("event").first()
    for prefix, text in (("/ru", citation.locator_ru), ("/kk", citation.locator_kk)):
        page = client.get(f"{prefix}/events/{citation.event.slug}/").content.decode()
        assert text in page.replace("&quot;", '"').replace("&#x27;", "'")
        assert not re.search(r'passage-label">[^<]*</span> <span lang="en" class="untranslated"', page)


def test_the_admin_shows_a_passage_in_each_language_and_refuses_a_translated_quotation(editor_client, cited):
    """The event's form: the passage has a field per language beside the note's; a Russian passage for
    a quotation is refused with the reason, on that field, and nothing is saved."""
    from tests.forms import form_data

    url = f"/admin/timeline/event/{cited.pk}/change/"
    page = editor_client.get(url).content.decode()
    data = form_data(page)
    index = next(
        name.split("-")[1]
        for name, values in data.items()
        if name.startswith("citations-") and name.endswith("-locator_en") and values[0].strip() == QUOTATION
    )
    assert f"citations-{index}-locator_ru" in data
    assert f"citations-{index}-locator_kk" in data
    data[f"citations-{index}-locator_ru"] = ["«полиция открыла огонь по толпе»"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "a quotation stays in its source&#x27;s words" in response.content.decode()
    assert not Citation.objects.get(source__slug="vlast").locator_ru


def test_the_citations_own_admin_edits_each_language_side_by_side(editor_client, cited):
    """The citation's own page in the admin (not the event's): a field per language, as on the event's
    page, and none without a language. It had "Passage" and "Note" besides, which showed the English
    but wrote to the admin's language: in Russian, a corrected quotation there was refused as a
    translation of a quotation, and a note there went to the Russian."""
    from tests.forms import form_data

    citation = Citation.objects.get(source__slug="vlast")
    citation.note_en = "Gives the official toll."
    citation.save()
    editor_client.cookies["django_language"] = "ru"
    url = f"/admin/timeline/citation/{citation.pk}/change/"
    data = form_data(editor_client.get(url).content.decode())
    assert {"locator_en", "locator_ru", "locator_kk", "note_en", "note_ru", "note_kk"} <= data.keys()
    assert "locator" not in data
    assert "note" not in data
    data["locator_en"] = ["“police opened fire on the unarmed crowd”"]
    data["note_ru"] = ["Приводит официальные данные."]
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    citation.refresh_from_db()
    assert citation.locator_en == "“police opened fire on the unarmed crowd”"
    assert not citation.locator_ru
    assert (citation.note_en, citation.note_ru) == ("Gives the official toll.", "Приводит официальные данные.")


def test_a_passages_translation_boxes_know_their_english_and_how_a_summary_starts(editor_client, cited):
    """What the admin's script (timeline/admin-passages.js) reads to keep a quotation's translation boxes
    read-only: on the event's citations and accounts, a citation's own page and a demand's; never on
    the English box."""
    from demands.models import Demand

    demand = DemandFactory(source=SourceFactory(slug="iuf"), locator=QUOTATION)
    citation = Citation.objects.get(source__slug="vlast")
    for url in (
        f"/admin/timeline/event/{cited.pk}/change/",
        f"/admin/timeline/citation/{citation.pk}/change/",
        f"/admin/demands/demand/{demand.pk}/change/",
    ):
        page = editor_client.get(url).content.decode()
        assert 'src="/static/timeline/admin-passages.js" type="module"' in page, url
        boxes = re.findall(r'<textarea name="([^"]*locator_[a-z]+)"([^>]*)>', page)
        assert boxes, url
        for name, attributes in boxes:
            marked = 'data-passage-original="locator_en"' in attributes
            assert marked == (not name.endswith("locator_en")), (url, name)
            if marked:
                assert f'data-summary-prefix="{SUMMARY_PREFIX.replace(chr(39), "&#x27;")}"' in attributes
    assert Demand.objects.get(pk=demand.pk).locator_en == QUOTATION
