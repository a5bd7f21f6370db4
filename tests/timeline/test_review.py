"""Review before publishing (timeline/review.py): editors submit, publishers publish, and the history
says which did what."""

import re

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from tests.conftest import PASSWORD
from tests.factories import EventFactory, PlaceFactory
from tests.forms import form_data
from timeline.models import Event
from timeline.roles import may_publish
from timeline.services import EDITORS_GROUP, PUBLISHERS_GROUP

from .test_admin import ADD_URL, event_form

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/timeline/event/"


def change_url(event) -> str:
    return f"/admin/timeline/event/{event.pk}/change/"


def saved_by(user, event, comment="Changed.") -> None:
    """A revision of ``event`` in its history, made by ``user``."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(event)


def as_shown(client, event, **changes) -> dict:
    """The event's change form as the page shows it, with ``changes``, ready to post back."""
    data = form_data(client.get(change_url(event)).content.decode())
    data.update({name: [value] if isinstance(value, str) else value for name, value in changes.items()})
    return data


def status_options(response) -> list[str]:
    select = re.search(r'<select name="status".*?</select>', response.content.decode(), re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def error_on_status(response) -> str:
    return " ".join(response.context["adminform"].form.errors.get("status", []))


# The groups ----------------------------------------------------------------------------------------


def test_editors_may_not_publish_and_publishers_may(editor, publisher):
    assert not may_publish(editor)
    assert editor.has_perm("timeline.change_event")
    assert may_publish(publisher)
    assert publisher.has_perm("timeline.change_event")
    assert not publisher.has_perm("auth.change_user")


def test_the_groups_are_kept_in_step_by_migrate_and_stay_the_same_when_it_runs_again(db):
    call_command("migrate", verbosity=0)
    editors = set(Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name=PUBLISHERS_GROUP).permissions.values_list("codename", flat=True))
    assert "publish_event" not in editors
    assert "change_event" in editors
    assert "change_tour" in editors
    assert publishers == editors | {"publish_event"}
    call_command("migrate", verbosity=0)
    assert Group.objects.filter(name__in=[EDITORS_GROUP, PUBLISHERS_GROUP]).count() == 2
    assert set(Group.objects.get(name=PUBLISHERS_GROUP).permissions.values_list("codename", flat=True)) == publishers


def test_createeditor_makes_a_publisher_when_asked(db):
    import io

    call_command("createeditor", "amina", "--publisher", "--password-from-stdin", stdin=io.StringIO(PASSWORD + "\n"))
    from django.contrib.auth import get_user_model

    assert may_publish(get_user_model().objects.get(username="amina"))


# The change form -----------------------------------------------------------------------------------


def test_an_editor_is_offered_draft_and_review_only(editor_client):
    assert status_options(editor_client.get(ADD_URL)) == ["draft", "review"]


def test_an_editor_who_publishes_gets_the_form_back_with_a_message_and_their_text(editor_client):
    response = editor_client.post(ADD_URL, event_form(status="published", body_en="What they typed."))
    assert response.status_code == 200
    assert "Only a publisher can publish an event" in error_on_status(response)
    assert "What they typed." in response.content.decode()
    assert not Event.objects.exists()


def test_an_editor_corrects_a_published_event_and_it_stays_published(editor_client):
    event = EventFactory(title="Trial", status="published")
    assert status_options(editor_client.get(change_url(event))) == ["published"]
    response = editor_client.post(change_url(event), as_shown(editor_client, event, title_en="The trial"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.status) == ("The trial", "published")


@pytest.mark.parametrize("status", ["draft", "review"])
def test_an_editor_cannot_take_a_published_event_off_the_site(editor_client, status):
    event = EventFactory(title="Trial", status="published")
    response = editor_client.post(change_url(event), as_shown(editor_client, event, status=status, title_en="New"))
    assert response.status_code == 200
    assert "only a publisher can take it off the site" in error_on_status(response)
    assert 'value="New"' in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == "published"


def test_a_publisher_cannot_publish_what_they_were_the_last_to_change(publisher_client, publisher):
    event = EventFactory(status="review")
    saved_by(publisher, event)
    response = publisher_client.post(change_url(event), as_shown(publisher_client, event, status="published"))
    assert response.status_code == 200
    assert "You were the last to change this event" in error_on_status(response)
    assert Event.objects.get(pk=event.pk).status == "review"


def test_a_publisher_publishes_what_an_editor_submitted(publisher_client, editor):
    event = EventFactory(status="review")
    saved_by(editor, event, "Submitted for review.")
    response = publisher_client.post(change_url(event), as_shown(publisher_client, event, status="published"))
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == "published"
    latest = Version.objects.get_for_object(event).first().revision
    assert latest.comment.startswith("Published.")
    assert latest.user.username == "publisher"


def test_a_publisher_cannot_publish_changes_they_make_in_the_same_form(publisher_client, editor):
    event = EventFactory(status="review")
    saved_by(editor, event)
    data = as_shown(publisher_client, event, status="published", title_en="Retitled on the way")
    response = publisher_client.post(change_url(event), data)
    assert response.status_code == 200
    assert "You are changing this event as you publish it" in error_on_status(response)
    assert 'value="Retitled on the way"' in response.content.decode()


def test_a_publisher_cannot_add_an_event_already_published(publisher_client):
    response = publisher_client.post(ADD_URL, event_form(status="published"))
    assert response.status_code == 200
    assert "another publisher must publish" in error_on_status(response)


def test_a_small_team_may_publish_its_own_changes(publisher_client, small_team):
    assert publisher_client.post(ADD_URL, event_form(status="published")).status_code == 302
    assert Event.objects.get().status == "published"


def test_submitting_for_review_is_named_in_the_history(editor_client):
    editor_client.post(ADD_URL, event_form(status="draft"))
    event = Event.objects.get()
    response = editor_client.post(change_url(event), as_shown(editor_client, event, status="review"))
    assert response.status_code == 302
    comments = [version.revision.comment for version in Version.objects.get_for_object(event)]
    assert comments[0].startswith("Submitted for review.")
    history = editor_client.get(f"/admin/timeline/event/{event.pk}/history/").content.decode()
    assert "Submitted for review." in history
    assert re.search(r"\d{2}:\d{2}:\d{2}</a>", history), "the history's times have seconds"


# The review queue and its actions ------------------------------------------------------------------


def test_the_review_queue_shows_who_submitted_each_event_and_when(editor_client, editor):
    event = EventFactory(title="Submitted one", status="draft")
    saved_by(editor, event, "Created.")
    event.status = "review"
    event.save()
    saved_by(editor, event, "Submitted for review.")
    EventFactory(title="A draft", status="draft")
    assert "Review queue (1 event)" in editor_client.get(CHANGELIST).content.decode()
    page = editor_client.get(f"{CHANGELIST}review/", follow=True)
    html = page.content.decode()
    assert "Submitted one" in html
    assert "A draft" not in html
    assert '<td class="field-submitted_by">editor</td>' in html
    assert re.search(r'<td class="field-submitted_at">[^<]*\d{2}:\d{2}:\d{2}</td>', html)


def actions_offered(client) -> list[str]:
    return re.findall(r'<option value="(\w+)"', client.get(CHANGELIST).content.decode())


def test_editors_are_not_offered_the_publish_action(editor_client):
    EventFactory()
    assert "publish_selected" not in actions_offered(editor_client)
    assert "return_selected_to_draft" in actions_offered(editor_client)


def test_bulk_publish_publishes_what_it_may_and_says_why_it_skipped_the_rest(publisher_client, publisher, editor):
    ready = EventFactory(title="Ready", status="review")
    saved_by(editor, ready)
    uncited = EventFactory(title="Uncited", status="review", cited=False)
    saved_by(editor, uncited)
    nowhere = EventFactory(title="Nowhere", status="review", place=None)
    saved_by(editor, nowhere)
    own = EventFactory(title="Own", status="review")
    saved_by(publisher, own)
    events = [ready, uncited, nowhere, own]
    response = publisher_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [e.pk for e in events]}, follow=True
    )
    statuses = dict(Event.objects.values_list("title", "status"))
    assert statuses == {"Ready": "published", "Uncited": "review", "Nowhere": "review", "Own": "review"}
    messages = [str(message) for message in response.context["messages"]]
    assert any("Ready" in m and m.startswith("Published.") for m in messages)
    assert any("Uncited" in m and "it cites no source" in m for m in messages)
    assert any("Nowhere" in m and "no place" in m for m in messages)
    assert any("Own" in m and "you were the last to change it" in m for m in messages)
    assert Version.objects.get_for_object(ready).first().revision.comment == "Published."


def test_an_editor_returns_events_in_review_to_draft_but_not_published_ones(editor_client):
    in_review = EventFactory(title="In review", status="review")
    published = EventFactory(title="Live", status="published")
    response = editor_client.post(
        CHANGELIST,
        {"action": "return_selected_to_draft", "_selected_action": [in_review.pk, published.pk]},
        follow=True,
    )
    assert dict(Event.objects.values_list("title", "status")) == {"In review": "draft", "Live": "published"}
    messages = " ".join(str(message) for message in response.context["messages"])
    assert "only a publisher can take it off the site" in messages


def test_an_editor_cannot_run_the_publish_action_by_hand(editor_client):
    event = EventFactory(status="review")
    editor_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [event.pk]})
    assert Event.objects.get(pk=event.pk).status == "review"


def test_an_editor_cannot_delete_a_published_event_and_is_told_why(editor_client):
    published = EventFactory(title="Live", status="published")
    page = editor_client.get(f"/admin/timeline/event/{published.pk}/delete/")
    assert "only a publisher takes one off the site" in page.content.decode()
    assert editor_client.post(f"/admin/timeline/event/{published.pk}/delete/", {"post": "yes"}).status_code == 403
    draft = EventFactory(title="Draft", status="draft")
    listing = editor_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [published.pk, draft.pk], "post": "yes"}
    )
    assert listing.status_code == 403
    assert Event.objects.count() == 2


def test_a_publisher_deletes_a_published_event(publisher_client):
    published = EventFactory(title="Live", status="published")
    assert publisher_client.post(f"/admin/timeline/event/{published.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Event.objects.exists()


# Deleted events and recovery -----------------------------------------------------------------------


def test_deleted_events_say_who_deleted_them_and_a_recovery_is_named(editor_client):
    editor_client.post(ADD_URL, event_form(status="review"))
    event = Event.objects.get()
    editor_client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"})
    listing = editor_client.get("/admin/timeline/event/recover/").content.decode()
    assert "Deleted events" in listing
    assert re.search(r"<td>[^<]*\d{2}:\d{2}:\d{2}</td>\s*<td>editor</td>", listing)
    version = Version.objects.get_deleted(Event).get()
    form = editor_client.get(f"/admin/timeline/event/recover/{version.pk}/")
    response = editor_client.post(f"/admin/timeline/event/recover/{version.pk}/", form_data(form.content.decode()))
    assert response.status_code == 302
    latest = Version.objects.get_for_object(Event.objects.get()).first().revision
    assert latest.comment.startswith("Recovered after its deletion.")


def test_an_editor_recovers_a_deleted_published_event_for_review(editor_client, publisher):
    event = EventFactory(title="Was public", status="published", place=PlaceFactory())
    saved_by(publisher, event, "Published.")
    pk = event.pk
    publisher_client = Client()
    publisher_client.force_login(publisher)
    assert publisher_client.post(f"/admin/timeline/event/{pk}/delete/", {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Event).get()
    form = editor_client.get(f"/admin/timeline/event/recover/{version.pk}/")
    assert status_options(form) == ["draft", "review"]
    data = form_data(form.content.decode())
    assert data["status"] == ["review"]
    assert editor_client.post(f"/admin/timeline/event/recover/{version.pk}/", data).status_code == 302
    assert Event.objects.get(pk=pk).status == "review"
