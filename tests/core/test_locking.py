"""Two editors on the same object: the second to save gets their form back, never overwrites the first
(core/admin.py ``LockedAdmin``)."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from tests.factories import CategoryFactory, EventFactory
from tests.forms import form_data
from timeline.models import Category, Event
from timeline.services import create_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_client(db):
    other = Client()
    other.force_login(create_editor(username="second", email="second@example.org", password=PASSWORD))
    return other


def opened(client, url):
    return form_data(client.get(url).content.decode())


def post(client, url, data, **changes):
    return client.post(url, {**data, **{name: [value] for name, value in changes.items()}})


def test_the_second_of_two_editors_gets_a_message_and_keeps_their_text(editor_client, second_client):
    event = EventFactory(slug="trial", title="Trial", status="published")
    citation = event.citations.get()
    url = f"/admin/timeline/event/{event.pk}/change/"
    first, second = opened(editor_client, url), opened(second_client, url)

    assert post(editor_client, url, first, title_en="Trial of the oil workers").status_code == 302
    response = post(
        second_client, url, second, title_en="The trial in Aktau", **{"citations-0-locator_en": "“Second’s passage.”"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "was changed by someone else" in page
    assert f'href="/admin/timeline/event/{event.pk}/history/"' in page
    assert 'value="The trial in Aktau"' in page  # their input, intact
    assert "“Second’s passage.”" in page
    event.refresh_from_db()
    citation.refresh_from_db()
    assert event.title == "Trial of the oil workers"  # the first edit kept
    assert citation.locator != "“Second’s passage.”"  # nor the inline saved in part


def test_once_warned_the_second_editor_can_save_their_version(editor_client, second_client):
    event = EventFactory(slug="trial", title="Trial")
    url = f"/admin/timeline/event/{event.pk}/change/"
    first, second = opened(editor_client, url), opened(second_client, url)
    post(editor_client, url, first, title_en="Trial of the oil workers")
    shown = form_data(post(second_client, url, second, title_en="The trial in Aktau").content.decode())
    assert post(second_client, url, shown).status_code == 302
    event.refresh_from_db()
    assert event.title == "The trial in Aktau"


def test_a_form_that_does_not_say_which_version_it_changes_is_refused(editor_client):
    event = EventFactory(slug="trial", title="Trial")
    url = f"/admin/timeline/event/{event.pk}/change/"
    data = opened(editor_client, url)
    del data["opened_version"]
    assert post(editor_client, url, data, title_en="Changed").status_code == 200
    assert Event.objects.get().title == "Trial"


def test_a_save_at_the_same_moment_is_refused_too(editor_client, monkeypatch):
    """Another editor's save lands between this request's reading of the row and its save: the form's
    check passes, the claim of the version in the save fails, everything is rolled back, and the editor
    gets the form back with the message."""
    from timeline.admin import EventAdmin

    event = EventFactory(slug="trial", title="Trial")
    url = f"/admin/timeline/event/{event.pk}/change/"
    data = opened(editor_client, url)
    as_read = Event.objects.get(pk=event.pk)
    Event.objects.get(pk=event.pk).save()  # the other editor's save, committed meanwhile
    get_object = EventAdmin.get_object

    def read_before_the_other_save(self, request, object_id, from_field=None):
        monkeypatch.setattr(EventAdmin, "get_object", get_object)
        return as_read

    monkeypatch.setattr(EventAdmin, "get_object", read_before_the_other_save)
    response = post(editor_client, url, data, title_en="The trial in Aktau")
    assert response.status_code == 200
    assert "was changed by someone else" in response.content.decode()
    assert Event.objects.get().title == "Trial"


@pytest.mark.parametrize("path", ["geo/place", "timeline/category", "timeline/actor", "timeline/source", "tours/tour"])
def test_places_categories_people_sources_and_tours_are_locked_too(editor_client, second_client, path):
    from django.apps import apps

    model = apps.get_model(*path.split("/"))
    from tests import factories

    maker = getattr(factories, f"{model.__name__}Factory", None)
    obj = maker() if maker else model.objects.create(title="A tour", slug="a-tour")
    url = f"/admin/{path}/{obj.pk}/change/"
    first, second = opened(editor_client, url), opened(second_client, url)
    assert editor_client.post(url, first).status_code == 302
    assert "was changed by someone else" in second_client.post(url, second).content.decode()


def test_a_list_column_changed_by_someone_else_is_not_overwritten(editor_client):
    category = CategoryFactory(order=1)
    listing = opened(editor_client, "/admin/timeline/category/")
    Category.objects.filter(pk=category.pk).update(order=5)  # another editor, meanwhile
    response = post(editor_client, "/admin/timeline/category/", listing, **{"form-0-order": "2", "_save": "Save"})
    assert response.status_code == 200
    assert "Changed by someone else to “5”" in response.content.decode()
    assert Category.objects.get().order == 5


def test_a_list_row_left_alone_is_not_written_back(editor_client):
    strike, violence = CategoryFactory(slug="strike", order=1), CategoryFactory(slug="violence", order=2)
    listing = opened(editor_client, "/admin/timeline/category/")
    Category.objects.filter(pk=violence.pk).update(order=9)  # another editor, meanwhile
    row = next(
        key[: -len("-id")] for key, value in listing.items() if key.endswith("-id") and value == [str(strike.pk)]
    )
    response = post(editor_client, "/admin/timeline/category/", listing, **{f"{row}-order": "3", "_save": "Save"})
    assert response.status_code == 302
    assert dict(Category.objects.values_list("slug", "order")) == {"strike": 3, "violence": 9}


def test_reverting_to_a_version_from_the_history_is_not_taken_for_a_conflict(editor_client):
    """A revert saves a chosen old version on purpose (its form is built from it, not from the row)."""
    import reversion
    from reversion.models import Version

    event = EventFactory(slug="trial", title="Trial")
    with reversion.create_revision():
        event.save()
    event.title = "Trial of the oil workers"
    event.save()
    version = Version.objects.get_for_object(event).get()
    url = f"/admin/timeline/event/{event.pk}/history/{version.pk}/"
    response = editor_client.post(url, opened(editor_client, url))
    assert response.status_code == 302
    assert Event.objects.get().title == "Trial"
