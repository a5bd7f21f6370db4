import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from demands.models import Demand, Outcome
from tests.factories import DemandFactory, EventFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("date", "precision", "qualifier", "shown"),
    [
        (datetime.date(2011, 12, 16), "day", "before", "by 16 December 2011"),
        (datetime.date(2011, 12, 16), "day", "after", "16 December 2011 or later"),
        (datetime.date(2023, 12, 11), "day", "exact", "11 December 2023"),
        (datetime.date(2011, 1, 1), "year", "exact", "2011"),
    ],
)
def test_a_demand_is_dated_as_precisely_as_its_source_and_says_how_sure(date, precision, qualifier, shown):
    demand = DemandFactory(date=date, date_precision=precision, date_qualifier=qualifier)
    assert demand.date_display == shown


def test_a_month_is_entered_as_its_first_day():
    demand = DemandFactory.build(date=datetime.date(2011, 12, 16), date_precision="month")
    with pytest.raises(ValidationError, match="first day"):
        demand.clean()


def test_a_demand_without_its_sources_passage_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        DemandFactory(locator="")


def test_an_event_answers_a_demand_once():
    outcome = OutcomeFactory()
    with pytest.raises(IntegrityError):
        Outcome.objects.create(demand=outcome.demand, event=outcome.event, note="Again.")


def test_demands_of_one_list_share_their_key_and_others_do_not():
    first = DemandFactory(made_by="The oil workers")
    second = DemandFactory(made_by="The oil workers", source=first.source)
    other = DemandFactory(made_by="Kazakh civil society", source=first.source)
    assert first.list_key == second.list_key != other.list_key


def test_only_outcomes_at_published_events_are_public():
    shown = OutcomeFactory()
    OutcomeFactory(demand=shown.demand, event=EventFactory(status="draft"))
    assert list(Outcome.objects.public()) == [shown]


def test_published_demands_only():
    published = DemandFactory()
    DemandFactory(status="review")
    assert list(Demand.objects.published()) == [published]


def test_a_demand_links_to_its_place_on_the_page():
    assert DemandFactory(slug="free-them").get_absolute_url() == "/demands/#free-them"
