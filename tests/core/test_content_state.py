"""The content's state kept in the shared cache (core.freshness): read once per change, never stale."""

import pytest
from django.core.cache import cache
from django.db import transaction

from core.freshness import GENERATION_KEY, STATE_KEY, content_changed, content_state, read_content_state
from editors.models import EditorProfile
from tests.factories import CategoryFactory, EventFactory, PlaceFactory, SourceFactory
from timeline.models import Category, Event
from timeline.synthetic import make_synthetic_events

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_first_reads_the_state_from_the_cache_alone(django_assert_num_queries):
    EventFactory()
    with django_assert_num_queries(1):
        first = content_state()
    with django_assert_num_queries(0):
        assert content_state() == first
    assert first == read_content_state()


def write_paths():
    """Each way the content is written, as (name, function of an event)."""
    return [
        ("save", lambda event: event.save()),
        ("save of some fields", lambda event: event.save(update_fields=["title"])),
        ("create", lambda event: EventFactory()),
        ("delete", lambda event: event.delete()),
        ("many-to-many add", lambda event: event.categories.add(CategoryFactory())),
        ("many-to-many clear", lambda event: event.categories.clear()),
        ("queryset update", lambda event: Event.objects.filter(pk=event.pk).update(importance=3)),
        ("touch", lambda event: Event.objects.filter(pk=event.pk).touch()),
        ("bulk create", lambda event: Category.objects.bulk_create([Category(name="Bulk", slug="bulk")])),
        ("a place", lambda event: PlaceFactory()),
        ("a source", lambda event: SourceFactory()),
        ("the public credit of an editor", lambda event: EditorProfile.objects.all().delete()),
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "write"), write_paths(), ids=[name for name, _ in write_paths()])
def test_every_write_changes_the_state_the_next_request_reads(name, write, django_assert_num_queries):
    event = EventFactory()
    event.categories.add(CategoryFactory())
    before = content_state()
    if name == "the public credit of an editor":
        from django.contrib.auth.models import User

        EditorProfile.objects.create(user=User.objects.create(username="editor"), credit_as="An editor")
        assert content_state() != before
        before = content_state()
    write(event)
    after = content_state()
    assert after != before, f"{name} did not change the state"
    assert after == read_content_state()


@pytest.mark.django_db(transaction=True)
def test_synthetic_events_written_in_bulk_change_the_state():
    EventFactory()
    before = content_state()
    make_synthetic_events(count=3)
    assert content_state() != before
    assert content_state() == read_content_state()


@pytest.mark.django_db(transaction=True)
def test_a_state_read_inside_a_transaction_that_wrote_is_not_kept_past_its_rollback():
    EventFactory()
    before = content_state()
    seen = []

    def write_then_fail():
        with transaction.atomic():
            EventFactory()
            seen.append(content_state())  # this connection sees its own write…
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert seen != [before]
    assert content_state() == before == read_content_state()  # …which never happened


@pytest.mark.django_db(transaction=True)
def test_a_state_another_process_read_before_the_commit_is_not_served_after_it():
    EventFactory()
    before = content_state()
    with transaction.atomic():
        EventFactory()
        # Another process reads the state now: it cannot see the uncommitted event, and keeps what it
        # read under the generation it found.
        cache.set(STATE_KEY, (cache.get(GENERATION_KEY), before))
    assert content_state() != before
    assert content_state() == read_content_state()


@pytest.mark.django_db(transaction=True)
def test_a_generation_lost_from_the_cache_never_brings_back_an_old_state():
    EventFactory()
    old = content_state()
    EventFactory()
    cache.delete(GENERATION_KEY)  # evicted
    cache.set(STATE_KEY, (None, old))
    assert content_state() == read_content_state() != old


@pytest.mark.django_db(transaction=True)
def test_a_write_past_django_shows_once_content_changed_is_called():
    category = CategoryFactory()
    before = content_state()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Category._meta.db_table} WHERE id = %s", [category.pk])
    assert content_state() == before  # the database changed behind Django's back…
    content_changed()
    assert content_state() == read_content_state() != before  # …and is read anew when told


def test_with_a_cache_per_process_the_state_is_read_each_time(settings, django_assert_num_queries):
    settings.CONTENT_STATE_CACHED = False
    EventFactory()
    content_state()
    with django_assert_num_queries(1):
        content_state()
    content_changed()
    assert cache.get(GENERATION_KEY) is None
