"""Editors keep the demands in the admin: locked against stale forms, every change in the history,
withheld names refused in what goes public."""

import pytest
import reversion
from django.contrib import admin
from reversion.models import Version

from core.admin import LockedAdmin
from demands.models import Demand, Outcome
from tests.factories import ActorFactory, DemandFactory, EventFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def change_form(client, demand, **changes):
    url = f"/admin/demands/demand/{demand.pk}/change/"
    data = {name: values[-1] for name, values in form_data(client.get(url).content.decode()).items()}
    data.update(changes)
    return url, data


def test_demands_are_edited_with_locking_and_kept_in_the_history():
    assert type(admin.site._registry[Demand]).__mro__[1] is LockedAdmin
    assert reversion.is_registered(Demand)
    assert reversion.is_registered(Outcome)


def test_an_editor_changes_a_demand_and_its_outcomes_and_the_history_keeps_both(editor_client):
    demand = DemandFactory(text="To release the arrested strikers.")
    event = EventFactory(slug="trial", title="The trial")
    url, data = change_form(editor_client, demand, text_en="To release the arrested participants of the strike.")
    data.update(
        {
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-event": str(event.pk),
            "outcomes-0-note_en": "They were tried.",
            "outcomes-0-order": "1",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    demand.refresh_from_db()
    assert demand.text_en == "To release the arrested participants of the strike."
    assert demand.outcomes.get().note_en == "They were tried."
    versions = Version.objects.get_for_object(demand)
    assert versions.count() == 1
    assert versions[0].revision.user.username == "editor"


def test_a_stale_form_does_not_overwrite_a_newer_edit(editor_client):
    demand = DemandFactory(text="First.")
    url, data = change_form(editor_client, demand, text_en="Mine.")
    Demand.objects.filter(pk=demand.pk).update(text_en="Theirs.")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    demand.refresh_from_db()
    assert demand.text_en == "Theirs."


def test_a_withheld_name_in_a_demand_going_public_is_refused(editor_client):
    ActorFactory(name="Natalia Sokolova", withhold_name=True, public_description_en="a lawyer")
    demand = DemandFactory(status="draft")
    url, data = change_form(editor_client, demand, text_en="To release Natalia Sokolova.", status="published")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "whose name is withheld" in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == "draft"


def test_a_withheld_name_in_a_draft_is_kept_for_the_editors(editor_client):
    ActorFactory(name="Natalia Sokolova", withhold_name=True, public_description_en="a lawyer")
    demand = DemandFactory(status="draft")
    url, data = change_form(editor_client, demand, text_en="To release Natalia Sokolova.")
    assert editor_client.post(url, data).status_code == 302
