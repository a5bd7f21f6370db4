"""Search finds events whatever the script, case and spelling (Event.search_text, timeline/search.py),
and each event's search text follows every change to what it holds."""

import datetime

import pytest
import reversion
from django.core.management import call_command
from django.utils import translation
from reversion.models import Version

from tests.factories import ActorFactory, EventFactory, PlaceFactory
from timeline import search
from timeline.models import Event
from timeline.search import refresh_search_text, search_field

pytestmark = pytest.mark.django_db


def found(text):
    return list(Event.objects.search(text).values_list("slug", flat=True))


@pytest.fixture
def shooting():
    """An event at Zhanaozen with Roza Tuletaeva, named as the content names them in each language."""
    place = PlaceFactory(
        slug="zhanaozen", name_en="Zhanaozen", name_ru="Жанаозен", name_kk="Жаңаөзен", alt_names="Novy Uzen"
    )
    roza = ActorFactory(
        slug="roza-tuletaeva", name_en="Roza Tuletaeva", name_ru="Роза Тулетаева", name_kk="Роза Тулетаева"
    )
    event = EventFactory(
        slug="shooting",
        title_en="Police fire on strikers",
        title_ru="Полиция стреляет в бастующих",
        summary_en="Security forces opened fire on the square.",
        place=place,
    )
    event.actors.add(roza)
    EventFactory(slug="elsewhere", title="A rally in Aktau", place=PlaceFactory(slug="aktau", name="Aktau"))
    return event


@pytest.mark.parametrize("query", ["жанаозен", "ЖАНАОЗЕН", "Жанаозен", "жАнАоЗеН"])
def test_cyrillic_is_found_in_any_case(shooting, query):
    assert found(query) == ["shooting"]


@pytest.mark.parametrize(
    "query",
    ["Жаңаөзен", "Жанаозен", "Zhanaozen", "Janaozen", "Zhangaozen", "ZHANAOZEN", "jañaözen", "Новый Узень"],
)
def test_a_place_is_found_by_its_kazakh_russian_and_latin_spellings(shooting, query):
    assert found(query) == ["shooting"]


@pytest.mark.parametrize("query", ["Tuletaeva", "Tuletayeva", "Тулетаева", "Төлетаева", "ТӨЛЕТАЕВА", "roza tulet"])
def test_a_person_is_found_by_her_kazakh_russian_and_latin_spellings(shooting, query):
    assert found(query) == ["shooting"]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_names_are_found_in_every_language_of_the_page(shooting, language):
    with translation.override(language):
        assert found("Жаңаөзен") == ["shooting"]
        assert found("Tuletayeva") == ["shooting"]


def test_a_title_is_found_in_the_language_of_the_page(shooting):
    with translation.override("ru"):
        assert found("СТРЕЛЯЕТ") == ["shooting"]
        assert found("бастующих") == ["shooting"]
    # The English page does not show the Russian title: it finds its own.
    assert found("стреляет") == []
    assert found("police fire") == ["shooting"]


def test_a_text_not_yet_translated_is_found_as_the_page_shows_it_in_english(shooting):
    with translation.override("kk"):
        assert found("police fire") == ["shooting"]
        assert found("opened fire") == ["shooting"]
    with translation.override("ru"):
        assert found("police fire") == []  # the Russian page shows its own title
        assert found("opened fire") == ["shooting"]


def test_a_search_never_matches_across_two_texts(shooting):
    # The title ends in "strikers", the summary begins with "Security"; the place is "Novy Uzen".
    assert found("strikers security") == []
    assert found("strikers") == ["shooting"]
    assert found("zhanaozen novy") == []
    assert found("tuletaeva zhanaozen") == []


def test_a_query_that_folds_to_nothing_finds_every_event(shooting):
    assert sorted(found("ъ")) == ["elsewhere", "shooting"]


def test_the_search_text_follows_people_added_and_taken_away(shooting):
    kozlov = ActorFactory(name_en="Vladimir Kozlov", name_ru="Владимир Козлов")
    assert found("Козлов") == []
    shooting.actors.add(kozlov)
    assert found("Козлов") == ["shooting"]
    shooting.actors.remove(kozlov)
    assert found("Козлов") == []
    kozlov.events.add(shooting)  # from the other side
    assert found("kozlov") == ["shooting"]
    kozlov.events.clear()
    assert found("kozlov") == []
    shooting.actors.clear()
    assert found("Tuletaeva") == []


def test_the_search_text_follows_a_renamed_place_and_person(shooting):
    place, roza = shooting.place, shooting.actors.get()
    place.name_kk = "Жаңа Өзен"
    place.alt_names = "Uzen"
    place.save()
    assert found("Жаңа Өзен") == ["shooting"]
    assert found("Novy Uzen") == []
    roza.alt_names = "Rosa Tuletaeva"
    roza.name_ru = "Роза Төлетаева-Иванова"
    roza.save()
    assert found("Иванова") == ["shooting"]
    assert found("rosa tuletaeva") == ["shooting"]


def test_a_deleted_person_is_no_longer_found(shooting):
    assert found("Tuletaeva") == ["shooting"]
    shooting.actors.get().delete()
    assert found("Tuletaeva") == []
    assert found("Zhanaozen") == ["shooting"]


def test_an_event_saved_with_some_fields_only_keeps_its_search_text_in_step(shooting):
    shooting.title_en = "Strikers shot"
    shooting.save(update_fields=["title_en"])
    assert found("strikers shot") == ["shooting"]


def test_keeping_the_search_text_in_step_changes_nothing_else(shooting):
    Event.objects.filter(slug="shooting").update(updated=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    place = shooting.place
    place.name_ru = "Новый Жанаозен"
    place.save()
    shooting.refresh_from_db()
    assert "novi janaozen" in shooting.search_text_ru.splitlines()
    assert shooting.updated == datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    # Computed again from the same rows: nothing to write.
    assert refresh_search_text(Event.objects.all()) == 0


def test_an_event_restored_from_its_history_is_found_by_the_names_of_today(shooting):
    shooting.actors.clear()  # restoring its people would refresh it anyway
    with reversion.create_revision():
        shooting.save()
    place = shooting.place
    place.name_en = "Zhanaozen city"
    place.save()
    shooting.delete()
    Version.objects.get_deleted(Event).get().revision.revert()
    assert found("zhanaozen city") == ["shooting"]


def test_loading_the_content_fills_every_search_text():
    call_command("load_content", verbosity=0)
    with translation.override("ru"):
        assert "2011-12-16-zhanaozen-shooting" in found("ЖАҢАӨЗЕН")
    # Each column as saving each event and each name again would compute it.
    assert refresh_search_text(Event.objects.all()) == 0
    assert not Event.objects.filter(search_text_kk="").exists()


def test_the_history_of_a_load_holds_the_search_texts_the_load_computed():
    """A load computes the search texts at its end: the versions it records hold them, as the rows do."""
    call_command("load_content", verbosity=0)
    fields = [search_field(language) for language in ("en", "ru", "kk")]
    stored = {row[0]: row[1:] for row in Event.objects.values_list("pk", *fields)}
    versions = Version.objects.get_for_model(Event)
    assert versions.count() == len(stored)
    for version in versions:
        recorded = version.field_dict
        assert tuple(recorded[field] for field in fields) == stored[int(version.object_id)]
        assert all(recorded[field] for field in fields)


def test_inside_deferred_the_search_texts_wait_for_its_end():
    place = PlaceFactory(slug="somewhere", name_en="Somewhere")
    event = EventFactory(place=place)

    def text():
        return Event.objects.values_list(search_field("en"), flat=True).get(pk=event.pk)

    with search.deferred():
        place.name_en = "Elsewhere"
        place.save()
        assert "elsewhere" not in text()
    assert "elsewhere" in text()


def test_after_a_failed_deferred_block_a_write_computes_at_once_again():
    place = PlaceFactory(slug="somewhere", name_en="Somewhere")
    event = EventFactory(place=place)

    def fail():
        with search.deferred():
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()
    place.name_en = "Elsewhere"
    place.save()
    assert "elsewhere" in Event.objects.values_list(search_field("en"), flat=True).get(pk=event.pk)
