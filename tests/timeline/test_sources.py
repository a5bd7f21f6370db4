"""A source's archived copy and access date (shown on the sources page, beside each citation and in
the API), and its language as one of the site's codes."""

import datetime
import html
import json
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import EventFactory, SourceFactory
from tests.migrating import latest, migrate
from timeline.models import Citation, Source

pytestmark = pytest.mark.django_db

ARCHIVED = "https://web.archive.org/web/2012/https://example.org/report"


@pytest.fixture
def archived_source():
    event = EventFactory(slug="massacre", title="Shooting", cited=False)
    source = SourceFactory(slug="report", title="Report", archived_url=ARCHIVED, accessed_on=datetime.date(2024, 5, 3))
    Citation.objects.create(event=event, source=source, locator="“A passage.”")
    return source


def test_the_sources_page_links_the_archived_copy_and_says_when_it_was_accessed(client, archived_source):
    page = client.get("/sources/").content.decode()
    assert f'<a href="{ARCHIVED}" rel="noopener">Archived copy</a>' in page
    assert "Accessed 3 May 2024" in page
    russian = client.get("/ru/sources/").content.decode()
    assert "3 мая 2024" in russian


def test_a_sources_description_is_in_the_pages_language_or_marked_as_the_english_it_is(client, archived_source):
    """The team's description of a source is translated like an event (``note_ru``, ``note_kk``);
    where a language has none yet, the English shows, marked as such for screen readers."""
    archived_source.note_en = "The official account, from the state news agency."
    archived_source.note_ru = "Официальная версия государственного информационного агентства."
    archived_source.save()
    english = client.get("/sources/").content.decode()
    assert '<p class="muted">The official account, from the state news agency.</p>' in english
    russian = client.get("/ru/sources/").content.decode()
    assert '<p class="muted">Официальная версия государственного информационного агентства.</p>' in russian
    kazakh = client.get("/kk/sources/").content.decode()
    marked = re.search(r'<p class="muted"><span lang="en" class="untranslated"[^>]*>([^<]*)</span></p>', kazakh)
    assert marked
    assert marked.group(1) == "The official account, from the state news agency."


def test_a_citation_names_the_archived_copy_and_the_access_date(client, archived_source):
    page = client.get("/events/massacre/").content.decode()
    assert f'accessed 3 May 2024 [<a href="{ARCHIVED}" rel="noopener">archived copy</a>]' in page


def test_a_source_without_them_shows_neither(client):
    EventFactory(slug="massacre")
    for url in ("/sources/", "/events/massacre/"):
        page = client.get(url).content.decode()
        assert "rchived copy" not in page
        assert "ccessed" not in page


def test_the_api_gives_the_archived_copy_and_the_access_date(client, archived_source):
    source = next(source for source in client.get("/api/sources/").json() if source["slug"] == "report")
    assert (source["archived_url"], source["accessed_on"], source["language"]) == (ARCHIVED, "2024-05-03", "en")
    event = client.get("/api/events/massacre/").json()
    assert event["citations"][0]["source"]["archived_url"] == ARCHIVED


def test_the_schema_describes_them(client):
    schema = client.get("/api/schema/?format=json").json()
    properties = schema["components"]["schemas"]["SourceWithCount"]["properties"]
    assert {"type": "string", "format": "uri", "maxLength": 500} in properties["archived_url"]["oneOf"]
    assert properties["accessed_on"] == {**properties["accessed_on"], "type": "string", "format": "date"}
    assert properties["accessed_on"].get("nullable") is True
    assert {"$ref": "#/components/schemas/LanguageEnum"} in properties["language"].get(
        "allOf", [properties["language"]]
    )
    assert schema["components"]["schemas"]["LanguageEnum"]["enum"] == ["en", "ru", "kk"]


def test_a_language_outside_the_choices_is_refused():
    source = SourceFactory.build(slug="latin", language="la")
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "language" in error.value.message_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Source.objects.filter(pk=SourceFactory(slug="ok").pk).update(language="English")


def test_the_existing_sources_keep_valid_languages_and_gain_no_archive_or_access_date(settings):
    sources = json.loads((Path(settings.CONTENT_FIXTURES_DIR) / "sources.json").read_text(encoding="utf-8"))
    assert {source["fields"]["language"] for source in sources} <= set(Source.Language.values)
    assert all("archived_url" not in source["fields"] and "accessed_on" not in source["fields"] for source in sources)


BEFORE = [("timeline", "0010_event_publish_permission")]


@pytest.mark.django_db(transaction=True)
def test_migrating_turns_the_written_languages_into_codes():
    old = migrate(BEFORE).loader.project_state(BEFORE).apps.get_model("timeline", "Source")
    try:
        for slug, language in [("a", "en"), ("b", " English "), ("c", "RU"), ("d", "русский"), ("e", "Қазақша")]:
            old.objects.create(slug=slug, title=slug, publisher="P", language=language)
        migrate(latest())
        codes = dict(Source.objects.values_list("slug", "language"))
        assert codes == {"a": "en", "b": "en", "c": "ru", "d": "ru", "e": "kk"}
        assert set(Source.objects.values_list("archived_url", "accessed_on")) == {("", None)}
    finally:
        migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_migrating_stops_at_a_language_it_cannot_read_naming_the_source():
    old = migrate(BEFORE).loader.project_state(BEFORE).apps.get_model("timeline", "Source")
    try:
        old.objects.create(slug="latin-source", title="T", publisher="P", language="Latin")
        with pytest.raises(RuntimeError, match=r"'latin-source' \('Latin'\)"):
            migrate(latest())
        old.objects.filter(slug="latin-source").update(language="en")
    finally:
        migrate(latest())
    assert Source.objects.get(slug="latin-source").language == "en"


def test_every_shipped_sources_note_is_in_russian_and_kazakh(client, db):
    """The content's sources: each note the team wrote has its Russian and Kazakh, and the sources
    page shows them, nothing of them marked "not yet translated"."""
    from django.conf import settings

    from timeline.services import load_content

    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    noted = Source.objects.exclude(note_en="")
    assert noted.count() >= 10
    for source in noted:
        assert source.note_ru, source.slug
        assert source.note_kk, source.slug
    kazinform = Source.objects.get(slug="kazinform-2011-12-20-sequence")
    for prefix, note in (("/ru", kazinform.note_ru), ("/kk", kazinform.note_kk)):
        page = client.get(f"{prefix}/sources/").content.decode()
        assert f'<p class="muted">{note}</p>' in page
        assert not re.search(r'<p class="muted"><span lang="en" class="untranslated"', page)


def test_every_shipped_citations_note_is_in_russian_and_kazakh_on_the_events_page(client, db):
    """The notes under the citations, the team's words, have their Russian and Kazakh; an event's page
    shows them in its language, none marked "not yet translated"; the passages stay the source's."""
    from django.conf import settings

    from timeline.services import load_content

    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    noted = Citation.objects.exclude(note_en="")
    assert noted.count() >= 50
    for citation in noted:
        assert citation.note_ru, (citation.event.slug, citation.source.slug)
        assert citation.note_kk, (citation.event.slug, citation.source.slug)
    citation = noted.select_related("event").order_by("pk").first()
    for prefix, note in (("/ru", citation.note_ru), ("/kk", citation.note_kk)):
        page = client.get(f"{prefix}/events/{citation.event.slug}/").content.decode()
        unescaped = page.replace("&quot;", '"').replace("&#x27;", "'")
        assert f'<p class="note">{html.escape(note, quote=False)}</p>' in unescaped
        assert not re.search(r'<p class="note"><span lang="en" class="untranslated"', page)


@pytest.fixture
def translated_title():
    """A Russian source known only by its address, its title the team's English rendering of it."""
    event = EventFactory(slug="dismissals", title="More strikers dismissed", cited=False)
    source = SourceFactory(
        slug="vlast",
        title="West Oil Software dismissed several more strikers",
        url="https://example.org/vlast",
        language="ru",
        title_language="en",
    )
    Citation.objects.create(event=event, source=source, locator="“уволил ещё несколько бастующих”")
    return source


def test_a_title_the_team_translated_is_marked_in_its_language_and_said_to_be_translated(client, translated_title):
    """Its ``lang`` is the translation's (English), not the source's (Russian), and readers are told."""
    for prefix, said in (("", "in Russian; title translated"), ("/ru", "на русском; название переведено")):
        event_page = client.get(f"{prefix}/events/dismissals/").content.decode()
        assert re.search(
            r'<cite lang="en"><a [^>]*>West Oil Software dismissed several more strikers</a></cite> \[' + said + r"\]",
            event_page,
        )
        assert '<blockquote lang="ru">“уволил ещё несколько бастующих”</blockquote>' in event_page
        sources = client.get(f"{prefix}/sources/").content.decode()
        assert re.search(r'<h2 lang="en"><a [^>]*>West Oil Software dismissed several more strikers</a></h2>', sources)
        assert f"· {said}</p>" in sources
    api = {source["slug"]: source for source in client.get("/api/sources/").json()}
    assert (api["vlast"]["language"], api["vlast"]["title_language"]) == ("ru", "en")


def test_a_sources_own_title_is_marked_in_the_sources_language_and_nothing_more_is_said(client, archived_source):
    archived_source.language, archived_source.title_language = "ru", "ru"
    archived_source.full_clean()  # the same language as the source's: its own title, nothing to say
    archived_source.save()
    assert archived_source.title_language == ""
    page = client.get("/events/massacre/").content.decode()
    assert '<cite lang="ru">Report</cite> (' in page
    assert "title translated" not in page
    api = {source["slug"]: source for source in client.get("/api/sources/").json()}
    assert api["report"]["title_language"] == "ru"
