"""Every content model says when it last changed, whatever path wrote it (core/models.py), which is
what the content's freshness rests on (core/freshness.py)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin

from core.admin import LockedAdmin
from core.models import ContentQuerySet, Tracked, Versioned
from tests.factories import EventFactory, PlaceFactory

CONTENT_MODELS = [model for label in settings.CONTENT_APPS for model in apps.get_app_config(label).get_models()]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_every_content_model_has_an_updated_timestamp_that_any_write_moves(model):
    field = model._meta.get_field("updated")
    assert field.auto_now
    assert field.db_index
    assert issubclass(model, Tracked)  # raw saves and update_fields move it too
    assert isinstance(model._default_manager.all(), ContentQuerySet)  # so does QuerySet.update()


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_every_versioned_model_is_edited_with_locking(model):
    model_admin = admin.site._registry.get(model)
    if issubclass(model, Versioned):
        assert isinstance(model_admin, LockedAdmin)
    if isinstance(model_admin, LockedAdmin):
        assert type(model_admin).__mro__[1] is LockedAdmin  # first, to see conflicts after rollbacks


@pytest.mark.django_db
def test_an_update_through_a_queryset_moves_updated_and_version_but_keeps_a_value_given():
    place = PlaceFactory()
    before = (place.updated, place.version)
    type(place).objects.filter(pk=place.pk).update(name="Aqtau")
    place.refresh_from_db()
    assert place.updated > before[0]
    assert place.version != before[1]
    event = EventFactory()
    type(event).objects.filter(pk=event.pk).update(updated=before[0])
    event.refresh_from_db()
    assert event.updated == before[0]


@pytest.mark.django_db
def test_a_save_of_some_fields_moves_updated_and_version():
    place = PlaceFactory()
    before = (place.updated, place.version)
    place.name = "Aqtau"
    place.save(update_fields=["name"])
    place.refresh_from_db()
    assert place.updated > before[0]
    assert place.version != before[1]
