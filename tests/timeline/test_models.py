import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import ActorFactory, CategoryFactory, EventFactory, PlaceFactory, SourceFactory
from timeline.models import Citation, Event

pytestmark = pytest.mark.django_db
D = datetime.date


def assert_rejected_by_database(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(title="x", slug="x", summary="x", start_date=D(2011, 12, 16), **fields)


def test_database_rejects_an_end_before_the_start():
    assert_rejected_by_database(end_date=D(2011, 12, 1), place=PlaceFactory())


@pytest.mark.parametrize("importance", [0, 4])
def test_database_rejects_importance_outside_1_to_3(importance):
    assert_rejected_by_database(importance=importance, place=PlaceFactory())


def test_database_rejects_a_published_event_without_place_or_flag():
    assert_rejected_by_database(status=Event.Status.PUBLISHED)


def test_database_rejects_a_place_and_the_no_single_place_flag_together():
    assert_rejected_by_database(place=PlaceFactory(), no_single_place=True)


def test_published_event_with_no_single_place_is_allowed():
    event = EventFactory(place=None, no_single_place=True)
    assert list(Event.objects.published().filter(place=None)) == [event]


def test_database_rejects_two_events_with_one_slug():
    EventFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(slug="same")


def test_database_rejects_citing_one_source_twice_for_one_event():
    event = EventFactory(cited=False)
    source = SourceFactory()
    Citation.objects.create(event=event, source=source, locator="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(event=event, source=source, locator="b")


def test_clean_explains_that_a_month_is_entered_as_its_first_day():
    event = EventFactory.build(start_date=D(2012, 6, 15), date_precision="month", place=PlaceFactory())
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "first day" in str(error.value.message_dict["start_date"])


def test_clean_explains_an_end_before_the_start():
    event = EventFactory.build(end_date=D(2011, 1, 1), place=PlaceFactory())
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "cannot be before the start" in str(error.value)


def test_date_display_follows_precision():
    assert EventFactory.build(start_date=D(2012, 6, 1), date_precision="month").date_display == "June 2012"
    span = EventFactory.build(
        start_date=D(2011, 5, 1), date_precision="month", end_date=D(2011, 12, 16), end_precision="day"
    )
    assert span.date_display == "May – 16 December 2011"


def test_published_hides_drafts_and_events_in_review():
    shown = EventFactory()
    EventFactory(status=Event.Status.DRAFT)
    EventFactory(status=Event.Status.REVIEW)
    assert list(Event.objects.published()) == [shown]


def test_between_keeps_events_and_spans_that_overlap_the_period():
    before = EventFactory(start_date=D(2010, 3, 1))
    span = EventFactory(start_date=D(2011, 5, 1), date_precision="month", end_date=D(2011, 12, 1))
    inside = EventFactory(start_date=D(2011, 7, 8))
    after = EventFactory(start_date=D(2012, 6, 1))
    found = set(Event.objects.between(D(2011, 7, 1), D(2011, 7, 31)))
    assert found == {span, inside}
    assert set(Event.objects.between(start=D(2012, 1, 1))) == {after}
    assert set(Event.objects.between(end=D(2010, 12, 31))) == {before}


def test_search_finds_alternative_spellings_of_people_and_places():
    roza = ActorFactory(name="Roza Tuletaeva", alt_names="Rosa Tuletaeva, Roza Tuletayeva")
    event = EventFactory(title="Sentences")
    event.actors.add(roza)
    town = EventFactory(title="Dispersal", place=PlaceFactory(slug="z", name="Zhanaozen", alt_names="Жанаозен"))
    assert list(Event.objects.search("tuletayeva")) == [event]
    assert list(Event.objects.search("Жанаозен")) == [town]


def test_in_categories_does_not_repeat_an_event_with_two_matching_categories():
    strike, protest = CategoryFactory(slug="strike"), CategoryFactory(slug="protest")
    event = EventFactory(categories=[strike, protest])
    assert list(Event.objects.in_categories(["strike", "protest"])) == [event]


def test_events_sort_by_date_then_importance():
    detail = EventFactory(start_date=D(2011, 12, 16), importance=3)
    key = EventFactory(start_date=D(2011, 12, 16), importance=1)
    earlier = EventFactory(start_date=D(2011, 5, 16), importance=3)
    assert list(Event.objects.all()) == [earlier, key, detail]


def test_between_reads_dates_at_their_precision():
    month_span = EventFactory(
        start_date=D(2011, 5, 1), date_precision="month", end_date=D(2011, 12, 1), end_precision="month"
    )
    a_month = EventFactory(start_date=D(2012, 6, 1), date_precision="month")
    a_year = EventFactory(start_date=D(2009, 1, 1), date_precision="year")
    assert list(Event.objects.between(D(2011, 12, 20), D(2011, 12, 31))) == [month_span]
    assert list(Event.objects.between(D(2012, 6, 30), D(2012, 7, 31))) == [a_month]
    assert list(Event.objects.between(D(2009, 11, 1), D(2009, 11, 30))) == [a_year]


def test_on_one_day_the_order_the_sources_give_comes_before_importance():
    """``day_order`` orders a day's events where the sources say what came first; the rest of the day
    by importance, then slug. ``before`` and ``after`` (an event page's previous and next) follow."""
    day = datetime.date(2011, 12, 16)
    place = PlaceFactory()
    made = {
        slug: EventFactory(slug=slug, start_date=day, importance=importance, day_order=order, place=place)
        for slug, importance, order in [
            ("c-most-important", 1, 0),
            ("d-later-detail", 3, 0),
            ("a-first-by-the-sources", 2, -2),
            ("b-second-by-the-sources", 2, -1),
            ("e-last-by-the-sources", 1, 1),
        ]
    }
    EventFactory(slug="the-day-before", start_date=day - datetime.timedelta(days=1), day_order=5, place=place)
    order = [
        "a-first-by-the-sources",
        "b-second-by-the-sources",
        "c-most-important",
        "d-later-detail",
        "e-last-by-the-sources",
    ]
    assert list(Event.objects.filter(start_date=day).values_list("slug", flat=True)) == order
    assert Event.objects.before(made["c-most-important"]).first().slug == "b-second-by-the-sources"
    assert Event.objects.after(made["c-most-important"]).first().slug == "d-later-detail"
    assert Event.objects.before(made["a-first-by-the-sources"]).first().slug == "the-day-before"
    assert not Event.objects.after(made["e-last-by-the-sources"]).exists()
    assert [event.slug for event in Event.objects.before(made["e-last-by-the-sources"])] == [
        *reversed(order[:-1]),
        "the-day-before",
    ]
