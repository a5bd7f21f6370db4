"""Editors compare any two recorded versions in the admin (django-reversion-compare)."""

import re

import pytest
import reversion
from reversion.models import Version

from tests.factories import ActorFactory, EventFactory, PlaceFactory, SourceFactory
from tests.inline import inline_scripts, inline_styles
from tours.models import Tour

pytestmark = pytest.mark.django_db


def two_versions(obj, field, first, second):
    for value in (first, second):
        setattr(obj, field, value)
        with reversion.create_revision():
            obj.save()
    return list(Version.objects.get_for_object(obj).order_by("pk"))


def test_compare_view_of_an_event_shows_both_values(editor_client):
    event = EventFactory(title="The first title")
    old, new = two_versions(event, "title", "The first title", "A second title")
    history = editor_client.get(f"/admin/timeline/event/{event.pk}/history/").content.decode()
    assert 'action="../history/compare/"' in history
    assert (inline_scripts(history), inline_styles(history)) == ([], [])

    response = editor_client.get(
        f"/admin/timeline/event/{event.pk}/history/compare/", {"version_id1": old.pk, "version_id2": new.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"<del>[^<]*first[^<]*</del>", page)
    assert re.search(r"<ins>[^<]*second[^<]*</ins>", page)
    assert inline_scripts(page) == []


@pytest.mark.parametrize(
    ("url", "make", "field"),
    [
        ("geo/place", lambda: PlaceFactory(), "name"),
        ("timeline/source", lambda: SourceFactory(), "title"),
        ("timeline/actor", lambda: ActorFactory(), "name"),
        ("tours/tour", lambda: Tour.objects.create(title="A tour", slug="a-tour"), "title"),
    ],
)
def test_compare_view_serves_places_sources_people_and_tours(editor_client, url, make, field):
    obj = make()
    old, new = two_versions(obj, field, "Old name", "New name")
    page = editor_client.get(
        f"/admin/{url}/{obj.pk}/history/compare/", {"version_id1": old.pk, "version_id2": new.pk}
    ).content.decode()
    assert "Old" in page
    assert "New" in page


def test_compare_with_a_bad_version_is_not_found(editor_client):
    event = EventFactory()
    old, _new = two_versions(event, "title", "One", "Two")
    url = f"/admin/timeline/event/{event.pk}/history/compare/"
    assert editor_client.get(url, {"version_id1": old.pk, "version_id2": 999999}).status_code == 404
    assert editor_client.get(url, {"version_id1": "x", "version_id2": old.pk}).status_code == 404
