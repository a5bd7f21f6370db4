import datetime
import tempfile
from pathlib import Path

import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from geo.models import Place
from tests.conftest import PASSWORD
from tests.factories import ActorFactory, EventFactory
from tests.forms import form_data
from timeline.models import Citation, Event, Source
from timeline.services import create_editor

pytestmark = pytest.mark.django_db

A_WHILE_AGO = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def get(client, url="/api/events/", **headers):
    response = client.get(url, **headers)
    assert response.status_code in {200, 304}, response.content
    return response


def etag(client, url="/api/events/"):
    return get(client, url)["ETag"]


def post_admin_form(client, url, **changes):
    """Post an admin form back as the page shows it, with ``changes``, as an editor would."""
    data = form_data(client.get(url).content.decode())
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    "url", ["/api/events/", "/api/events/?format=csv", "/api/events/massacre/", "/api/places/", "/api/sources/"]
)
def test_responses_carry_a_validator_and_public_cache_control(client, content, url):
    response = get(client, url)
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_conditional_get_with_the_etag_is_not_modified_and_costs_one_query(client, content, django_assert_num_queries):
    first = get(client)
    with django_assert_num_queries(1):  # the content's state, nothing more
        again = get(client, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=60"


def test_head_is_conditional_too(client, content):
    tag = etag(client)
    assert client.head("/api/events/", HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_each_format_and_page_has_its_own_validator_or_its_own_url(client, content):
    as_json = get(client, "/api/events/")["ETag"]
    as_csv = get(client, "/api/events/", HTTP_ACCEPT="text/csv")["ETag"]
    assert as_json != as_csv
    assert get(client, "/api/events/", HTTP_ACCEPT="text/csv", HTTP_IF_NONE_MATCH=as_json).status_code == 200


def test_errors_carry_no_validator(client, content):
    response = client.get("/api/events/?from=soon")
    assert response.status_code == 400
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def content_last_changed(when):
    for label in settings.CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            stamps = {field.name: when for field in model._meta.fields if field.name in {"created", "updated"}}
            model.objects.update(**stamps)


def test_last_modified_is_the_time_of_the_latest_change(client, content):
    content_last_changed(A_WHILE_AGO)
    response = get(client)
    assert response["Last-Modified"] == "Tue, 02 Jan 2024 03:04:05 GMT"
    assert get(client, HTTP_IF_MODIFIED_SINCE="Tue, 02 Jan 2024 03:04:05 GMT").status_code == 304
    assert get(client, HTTP_IF_MODIFIED_SINCE="Tue, 02 Jan 2024 03:04:04 GMT").status_code == 200


def test_no_last_modified_while_the_second_of_the_latest_change_lasts(client, content):
    """Another change could follow within the same second, under the same (whole-second) date."""
    Event.objects.update(updated=timezone.now() + datetime.timedelta(seconds=5))
    assert not get(client).has_header("Last-Modified")


def test_if_none_match_wins_over_if_modified_since(client, content):
    content_last_changed(A_WHILE_AGO)
    response = get(client, HTTP_IF_NONE_MATCH='W/"stale"', HTTP_IF_MODIFIED_SINCE="Tue, 02 Jan 2024 03:04:05 GMT")
    assert response.status_code == 200


# Every kind of change, each by the path it takes in practice.


def edit_event(content, admin):
    content.trial.title = "Retitled"
    content.trial.save()


def publish_the_draft(content, admin):
    content.draft.status = Event.Status.PUBLISHED
    content.draft.save()


def unpublish_an_event(content, admin):
    content.massacre.status = Event.Status.DRAFT
    content.massacre.save()


def delete_an_event(content, admin):
    content.trial.delete()


def add_an_event(content, admin):
    EventFactory()


def drop_a_category_without_saving_the_event(content, admin):
    content.trial.categories.remove(content.trial.categories.get(slug="strike"))


def swap_a_person_without_saving_the_event(content, admin):
    content.massacre.actors.set([ActorFactory()])  # as many people as before


def rename_a_place_in_the_admin(content, admin):
    post_admin_form(admin, f"/admin/geo/place/{content.aktau.pk}/change/", name="Aqtau")


def correct_a_citation_in_the_admin(content, admin):
    citation = content.massacre.citations.get()
    post_admin_form(admin, f"/admin/timeline/citation/{citation.pk}/change/", locator_en="“Corrected.”")


def correct_a_source_in_the_admin(content, admin):
    post_admin_form(admin, f"/admin/timeline/source/{content.levy.pk}/change/", publisher="People and Nature")


def recolour_a_category_in_the_admin(content, admin):
    category = content.massacre.categories.get()
    post_admin_form(admin, f"/admin/timeline/category/{category.pk}/change/", color="#7f1d1d")


def rename_a_person_in_the_admin(content, admin):
    post_admin_form(admin, f"/admin/timeline/actor/{content.police.pk}/change/", name="Police of Mangistau")


def delete_an_event_in_the_admin(content, admin):
    # A published event: a publisher's to delete (timeline/review.py).
    admin.force_login(create_editor(username="publisher", email="", password=PASSWORD, publisher=True))
    response = admin.post(f"/admin/timeline/event/{content.trial.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302


def save_a_place_in_a_revision(content, admin):
    """As ``load_content --update`` does."""
    with reversion.create_revision():
        content.aktau.name = "Aqtau"
        content.aktau.save()


@pytest.mark.parametrize(
    "change",
    [
        edit_event,
        publish_the_draft,
        unpublish_an_event,
        delete_an_event,
        add_an_event,
        drop_a_category_without_saving_the_event,
        swap_a_person_without_saving_the_event,
        rename_a_place_in_the_admin,
        correct_a_citation_in_the_admin,
        correct_a_source_in_the_admin,
        recolour_a_category_in_the_admin,
        rename_a_person_in_the_admin,
        delete_an_event_in_the_admin,
        save_a_place_in_a_revision,
    ],
)
@pytest.mark.parametrize("url", ["/api/events/", "/api/events/massacre/", "/api/places/", "/api/sources/"])
def test_any_change_to_the_content_changes_the_validator(editor_client, content, change, url):
    before = etag(editor_client, url)
    change(content, editor_client)
    response = editor_client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code != 304
    if response.status_code == 200:
        assert response["ETag"] != before


# Writes that keep every table's row count and highest id: only ``updated`` can tell that they
# happened, whichever path they take (core/models.py).


def save_a_place_in_a_shell(content):
    content.aktau.name = "Aqtau"
    content.aktau.save()


def save_one_field_of_a_place(content):
    content.aktau.name = "Aqtau"
    content.aktau.save(update_fields=["name"])


def update_places_with_a_queryset(content):
    Place.objects.filter(slug="aktau").update(name="Aqtau")


def update_the_citations_of_an_event(content):
    content.massacre.citations.update(locator="“Corrected.”")


def bulk_update_a_source(content):
    content.levy.publisher = "People and Nature"
    Source.objects.bulk_update([content.levy], ["publisher"])


def load_a_fixture_over_a_place(content):
    content.aktau.name = "Aktau city"
    with tempfile.TemporaryDirectory() as directory:
        fixture = Path(directory) / "place.json"
        fixture.write_text(serializers.serialize("json", [content.aktau]))  # with its ``updated`` of before
        call_command("loaddata", str(fixture), verbosity=0)


def revert_a_place_from_its_history(content):
    Version.objects.get_for_object(content.aktau).last().revert()


@pytest.fixture
def a_place_with_history(content):
    """Aktau as kept in its history, then renamed; another row changed later still (so that a
    revert, which would put back Aktau's old ``updated``, moves no latest timestamp by itself)."""
    with reversion.create_revision():
        content.aktau.save()
    Place.objects.filter(pk=content.aktau.pk).update(name="Aqtau")
    Place.objects.filter(slug="zhanaozen").touch()
    return content


@pytest.mark.parametrize(
    "change",
    [
        save_a_place_in_a_shell,
        save_one_field_of_a_place,
        update_places_with_a_queryset,
        update_the_citations_of_an_event,
        bulk_update_a_source,
        load_a_fixture_over_a_place,
        revert_a_place_from_its_history,
    ],
)
@pytest.mark.parametrize("url", ["/", "/api/places/", "/api/events/massacre/"])
def test_a_page_cached_before_a_write_by_any_path_is_not_served_after_it(client, a_place_with_history, change, url):
    before = get(client, url)
    assert get(client, url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    change(a_place_with_history)
    after = get(client, url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


def test_a_write_in_raw_sql_is_served_once_its_rows_are_touched(client, content):
    from django.db import connection

    before = etag(client, "/api/places/")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Place._meta.db_table} SET name_en = %s WHERE slug = %s", ["Aqtau", "aktau"])
    assert etag(client, "/api/places/") == before  # what the docs warn about
    Place.objects.filter(slug="aktau").touch()
    assert etag(client, "/api/places/") != before
    assert "Aqtau" in get(client, "/api/places/").content.decode()


def test_recovering_a_deleted_citation_changes_the_validator(client, content):
    citation = content.massacre.citations.get()
    with reversion.create_revision():
        citation.save()
    citation.delete()
    before = etag(client, "/api/events/massacre/")
    Version.objects.get_deleted(Citation).get().revert()
    assert etag(client, "/api/events/massacre/") != before
