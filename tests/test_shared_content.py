"""The guard of the content that a ``reads_only`` browser module's tests share (tests/browser/conftest.py):
it sees any write, so that a test which writes cannot change what the next test of its module finds."""

import pytest

from tests.browser.conftest import _database_state
from tests.factories import EventFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_the_guard_sees_a_row_added_changed_or_deleted():
    place = PlaceFactory()
    state = _database_state()
    event = EventFactory(place=place)
    assert _database_state() != state
    state = _database_state()
    event.title_en = "Another title"
    event.save()
    assert _database_state() != state
    state = _database_state()
    event.delete()
    assert _database_state() != state
    state = _database_state()
    assert _database_state() == state
