import pytest
from django.core.management import call_command

from tests.factories import EventFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_synthetic_events_are_published_cited_and_removable():
    real = EventFactory()
    call_command("make_synthetic_events", "50")
    synthetic = Event.objects.filter(slug__startswith="synthetic-")
    assert synthetic.published().count() == 50
    assert not synthetic.filter(citations__isnull=True).exists()
    assert not synthetic.filter(categories__isnull=True).exists()
    # Written in bulk, they are found by search all the same.
    assert Event.objects.search("SYNTHETIC event").count() == 50
    call_command("make_synthetic_events", "--delete")
    assert list(Event.objects.all()) == [real]


def test_synthetic_events_need_content_first():
    with pytest.raises(Exception, match="Load the content first"):
        call_command("make_synthetic_events", "5")
