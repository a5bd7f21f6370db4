"""What every content model has, whatever its domain: the time it last changed, and a version that an
editor's form is checked against.

A content model (one of ``settings.CONTENT_APPS``) derives from ``Tracked`` (or ``Versioned``, when
editors change it in a form of its own) and keeps ``ContentQuerySet`` (or a subclass) as its default
manager's queryset. Then every path that writes it moves ``updated`` (and ``version``), which is what
``core.freshness`` reads:

- ``save()``, ``bulk_create()``: ``auto_now`` (and ``VersionField.pre_save``), also with
  ``update_fields``;
- ``QuerySet.update()`` and ``bulk_update()`` (which calls it): ``ContentQuerySet.update``;
- raw saves, which skip both (``loaddata``, a reversion revert or recovery): ``stamp_raw_save``, a
  ``pre_save`` receiver connected in ``core.apps``.

Every such write also tells ``core.freshness`` that the content changed (``content_changed()``: the
model signals, connected in ``core.apps``, and ``update()``/``bulk_create()`` here), so that the
content's state kept in the shared cache is read anew. Raw SQL does neither: after an ``UPDATE``
call ``Model.objects.filter(…).touch()`` on the rows it changed, after an ``INSERT`` or ``DELETE``
``core.freshness.content_changed()``, so that nothing stale is served.

The receiver is a signal against the house habit because raw saves reach no model method: Django's
deserializer calls ``Model.save_base`` of the base class itself.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .freshness import content_changed


class VersionField(models.UUIDField):
    """A token that changes on every write (a new random value, so an old one never comes back, not
    even when an old version of the row is restored). An editor's form carries the token it was opened
    with; a save with another is refused (``core.admin.LockedAdmin``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", uuid.uuid4)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = uuid.uuid4()
        setattr(model_instance, self.attname, value)
        return value


def bumped_values(model) -> dict:
    """The new values of ``model``'s ``updated`` and ``version`` fields for a write now."""
    now, values = timezone.now(), {}
    for field in model._meta.concrete_fields:
        if isinstance(field, VersionField):
            values[field.attname] = uuid.uuid4()
        elif getattr(field, "auto_now", False):
            values[field.attname] = now
    return values


class ContentQuerySet(models.QuerySet):
    """A queryset whose ``update()`` moves ``updated`` (and ``version``) of the rows it writes, as
    ``save()`` does; ``bulk_update()`` goes through it. Subclass it for a model's own filters."""

    def update(self, **kwargs):
        count = super().update(**{**bumped_values(self.model), **kwargs})
        content_changed()
        return count

    update.alters_data = True

    def bulk_create(self, *args, **kwargs):
        # Sends no signal (core.apps connects one to every other write).
        created = super().bulk_create(*args, **kwargs)
        content_changed()
        return created

    bulk_create.alters_data = True

    def touch(self) -> int:
        """Mark the rows as changed now, after a write that Django did not make (raw SQL)."""
        return self.update()

    touch.alters_data = True


class Tracked(models.Model):
    """A content model: ``updated`` moves on every write (see the module's docstring)."""

    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A save of some fields only still says that the row changed.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *bumped_values(type(self))}
        super().save(*args, **kwargs)


class Versioned(Tracked):
    """A content model that editors change in a form: ``version`` tells a stale form from a fresh one."""

    version = VersionField(_("version"))

    class Meta:
        abstract = True


def stamp_raw_save(sender, instance, raw, **kwargs):
    """A row saved as stored (``loaddata``, a revert or recovery from the history) skips ``auto_now``
    and ``pre_save``: it changed now all the same, and gets a new version."""
    if raw and isinstance(instance, Tracked):
        for name, value in bumped_values(sender).items():
            setattr(instance, name, value)
