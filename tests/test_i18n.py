"""Three languages: every page type in English, Russian and Kazakh, with no interface string left in
English, complete catalogues, the language switcher and alternates, and content that falls back to
English marked as such."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import EventFactory
from tests.test_pages import PUBLIC_PAGES, content  # noqa: F401 (the fixture)
from tests.test_translations import messages, read_po  # noqa: F401 (messages: the fixture)
from timeline.models import Event

LOCALE = Path(settings.BASE_DIR) / "locale"
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(language: str, domain: str) -> list[dict]:
    return read_po((LOCALE / language / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8"))


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_catalogue_is_complete_and_nothing_in_it_is_fuzzy(language, domain):
    entries = catalogue(language, domain)
    assert entries
    assert [entry["msgid"] for entry in entries if not all(translations(entry))] == []
    assert [entry["msgid"] for entry in entries if entry.get("fuzzy")] == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_catalogue_has_every_message_of_the_code(messages, language):  # noqa: F811
    """A string added to the code without its translations (makemessages, then translate) fails here."""
    translated = {entry["msgid"] for domain in ("django", "djangojs") for entry in catalogue(language, domain)}
    missing = sorted({entry["msgid"] for entry in messages} - translated)
    assert missing == []


class VisibleText(HTMLParser):
    """The text a reader of the page's language sees: not scripts' data, not what is marked as being
    in another language (content not yet translated, quotations from English-language sources)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language: str):
        super().__init__()
        self.language, self.stack, self.parts = language, [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.VOID:
            for name in ("placeholder", "aria-label", "title", "alt", "content"):
                if attributes.get(name) and not self.foreign:
                    self.parts.append(attributes[name])
            return
        foreign = tag in {"script", "style"} or attributes.get("lang", self.language) != self.language
        self.stack.append((tag, foreign))
        if not self.foreign:
            self.parts += [attributes[name] for name in ("aria-label", "title") if attributes.get(name)]

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    @property
    def foreign(self):
        return any(foreign for _tag, foreign in self.stack)

    def handle_data(self, data):
        if not self.foreign:
            self.parts.append(data)


def visible_text(page: str, language: str) -> str:
    parser = VisibleText(language)
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def english_phrases() -> set[str]:
    """The interface's English phrases (two words or more, no placeholder) that have a translation
    of their own in every language, so that seeing one on a translated page is a leak."""
    phrases = None
    for language in OTHER_LANGUAGES:
        own = {
            entry["msgid"]
            for domain in ("django", "djangojs")
            for entry in catalogue(language, domain)
            if "msgid_plural" not in entry and entry["msgstr"] != entry["msgid"]
        }
        phrases = own if phrases is None else phrases & own
    return {
        phrase
        for phrase in phrases
        if len(phrase.split()) >= 2 and not re.search(r"%\(|\{|<|\\", phrase) and re.search(r"[a-z]", phrase)
    }


def test_the_leak_finder_sees_english_interface_text_and_ignores_marked_english():
    page = '<p>Clear the filters</p><p lang="en">Clear the filters</p><script>"Clear the filters"</script>'
    assert visible_text(page, "ru") == "Clear the filters"
    assert "Clear the filters" in english_phrases()


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/no-such-page/"])
def test_every_page_type_is_in_the_language_of_its_address(client, content, language, path):  # noqa: F811
    response = client.get(f"/{language}{path}")
    assert response.status_code == (404 if path == "/no-such-page/" else 200)
    page = response.content.decode()
    if "/panel/" not in path:  # the details panel is a fragment for the explorer, not a document
        assert f'<html lang="{language}">' in page
    text = visible_text(page, language)
    leaks = sorted(phrase for phrase in english_phrases() if phrase in text)
    assert leaks == []


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_admin_is_in_the_language_the_editor_chose(editor_client, language):
    editor_client.post("/i18n/setlang/", {"language": language, "next": "/admin/"})
    with translation.override(language):
        expected = translation.gettext("Zhanaozen: editing")
    page = editor_client.get("/admin/timeline/event/").content.decode()
    assert f'lang="{language}"' in page
    assert expected != "Zhanaozen: editing"
    assert expected in page


def test_every_page_offers_its_other_languages_keeping_the_address(client, content):  # noqa: F811
    page = client.get("/ru/?category=strike&q=happened").content.decode()
    for code in ("en", "ru", "kk"):
        prefix = "" if code == "en" else f"/{code}"
        assert f'hreflang="{code}" href="http://testserver{prefix}/?category=strike&amp;q=happened"' in page
        assert f'href="{prefix}/?category=strike&amp;q=happened"' in page
    assert 'hreflang="x-default" href="http://testserver/?category=strike&amp;q=happened"' in page


def test_content_not_yet_translated_shows_the_english_marked_as_such(client, content):  # noqa: F811
    event = Event.objects.get(slug="massacre")
    event.title_ru = "Полиция открывает огонь по толпе"
    event.save()
    page = client.get("/ru/events/massacre/").content.decode()
    assert "Полиция открывает огонь по толпе" in page
    # The summary and the body have no Russian yet: the English stands in, marked.
    assert f'<span lang="en" class="untranslated" data-note="ещё не переведено">{event.summary_en}</span>' in page
    assert '<div class="body" lang="en">' in page
    assert '<cite lang="en">' in page  # a source's title stays in its own language
    kazakh = client.get("/kk/events/massacre/").content.decode()
    assert f'<span lang="en" class="untranslated" data-note="әлі аударылмаған">{event.title_en}</span>' in kazakh


def test_the_admin_lists_what_is_missing_in_a_language(editor_client):
    done = EventFactory(slug="translated", title="Translated")
    done.title_kk, done.summary_kk, done.body_kk = "Аударылған", "Қысқаша.", "Мәтін."
    done.save()
    EventFactory(slug="not-translated", title="Not translated")
    page = editor_client.get("/admin/timeline/event/", {"missing": "kk"}).content.decode()
    assert "Not translated" in page
    assert ">Translated<" not in page
    everything = editor_client.get("/admin/timeline/event/").content.decode()
    assert ">Translated<" in everything
    assert "missing Kazakh" in everything  # the filter's choice, named for the editor


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_numbers_for_the_browser_are_not_written_as_numbers_for_readers(client, content, language):  # noqa: F811
    """Russian and Kazakh write a decimal comma; an SVG coordinate must keep its point."""
    page = client.get(f"/{language}/present/a-tour/").content.decode()
    assert re.findall(r'="\d+,\d+%?"', page) == []
    assert re.search(r'<line x1="\d+(\.\d+)?%"', page)


def test_a_slideshow_offers_its_other_languages(client, content):  # noqa: F811
    page = client.get("/present/a-tour/").content.decode()
    assert 'href="/ru/present/a-tour/" hreflang="ru"' in page
    assert 'href="/kk/present/a-tour/" hreflang="kk"' in page
    assert "zhanaozen/site.js" in page  # which carries the slide (#n) over
