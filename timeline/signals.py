"""Events' search text kept in step with the names it holds (``timeline/search.py``).

Signals here, against the habit of keeping logic out of them: an event's search text depends on other
rows (its place, its people and organisations, the links between them), and every path that writes
those rows must keep it right: the admin and its inlines, ``load_content``, a revert or a recovery
from the history (django-reversion saves without ``save()``), a shell. ``Event.save()`` computes the
event's own; these receivers follow the rest. They write the search text alone (``refresh_search_text``
updates rows without ``save()``), so nothing here sets off another save or signal.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from geo.models import Place

from .models import Actor, Event
from .search import refresh_search_text, search_waiting

DISPATCH = "timeline.search_text"


def _refresh(events):
    waiting = search_waiting()
    if waiting is None:
        refresh_search_text(events)
    else:
        waiting.update(events.values_list("pk", flat=True))


def event_saved_raw(sender, instance, raw, **kwargs):
    """A fixture loaded or a version restored: saved as stored, without ``Event.save()``."""
    if raw:
        _refresh(Event.objects.filter(pk=instance.pk))


def names_saved(sender, instance, **kwargs):
    """A place, person or organisation renamed, or given another spelling: the events that name it."""
    _refresh(instance.events.all())


def actors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """People and organisations added to or taken from an event (or events to or from one of them)."""
    if not reverse:
        if action in {"post_add", "post_remove", "post_clear"}:
            _refresh(Event.objects.filter(pk=instance.pk))
        return
    if action == "pre_clear":
        instance._search_events = set(instance.events.values_list("pk", flat=True))
    elif action in {"post_add", "post_remove"}:
        _refresh(Event.objects.filter(pk__in=pk_set))
    elif action == "post_clear":
        _refresh(Event.objects.filter(pk__in=instance.__dict__.pop("_search_events", ())))


def actor_deleting(sender, instance, **kwargs):
    instance._search_events = set(instance.events.values_list("pk", flat=True))


def actor_deleted(sender, instance, **kwargs):
    """Its links go with it (without m2m_changed): the events that named it."""
    _refresh(Event.objects.filter(pk__in=instance.__dict__.pop("_search_events", ())))


def connect() -> None:
    post_save.connect(event_saved_raw, sender=Event, dispatch_uid=DISPATCH)
    for model in (Place, Actor):
        post_save.connect(names_saved, sender=model, dispatch_uid=DISPATCH)
    m2m_changed.connect(actors_changed, sender=Event.actors.through, dispatch_uid=DISPATCH)
    pre_delete.connect(actor_deleting, sender=Actor, dispatch_uid=DISPATCH)
    post_delete.connect(actor_deleted, sender=Actor, dispatch_uid=DISPATCH)
