"""Withheld names (``Actor.withhold_name``) in the texts editors write.

The site never shows a withheld actor's name from the actor itself (``Actor.public_name``), but a
title, a summary, a body or a citation may still spell it out. These functions find such mentions,
so that the admin refuses to publish them (or send them for review) and warns the editor who
withholds a name where it is still written.

A name is found as a search finds it (``core.search.fold``: any case, script or common spelling),
where a word starts, with whatever follows: "Tuletaev" (given as an alternative name) also finds
"Тулетаевой". A declined form that changes the name's beginning is not found: give the forms the
texts use as alternative names (they are withheld too).
"""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.search import fold

from .models import Account, Actor, Citation, Event, EventStatus, Source

# The fields that reach the public, each in every language where it is translated.
EVENT_FIELDS = ("title", "summary", "body")
# Statuses whose texts must not name a withheld person: those about to become public.
CHECKED_STATUSES = (EventStatus.REVIEW, EventStatus.PUBLISHED)

# What the admin and an import say of a text that spells out a withheld name.
WITHHELD_IN_TEXT = _(
    "This text names %(name)s, whose name is withheld: write “%(description)s” (or nothing) instead, "
    "or keep the event as a draft."
)


def translated_fields(fields) -> list[str]:
    return [f"{field}_{language}" for field in fields for language in settings.MODELTRANSLATION_LANGUAGES]


# A citation's passage (a summary of the source translated) and the team's note on it in each language;
# a source's title and author as the source gives them, and the team's note on it in each language.
CITATION_FIELDS = translated_fields(("locator", "note"))
SOURCE_FIELDS = ("title", "author", *translated_fields(("note",)))
# An account where sources disagree, in the table on its event's page.
ACCOUNT_FIELDS = translated_fields(("topic", "according_to", "claim", "locator", "note"))
# A demand and what became of it; a tour and its stops, as visitors and classes read them.
DEMAND_FIELDS = translated_fields(("made_by", "text", "locator"))
OUTCOME_FIELDS = translated_fields(("note",))
TOUR_FIELDS = translated_fields(("title", "summary"))
TOUR_STOP_FIELDS = translated_fields(("focus", "note"))


def _pattern(names) -> re.Pattern | None:
    folded = sorted({fold(name) for name in names} - {""}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile("(?<![0-9a-z])(?:" + "|".join(re.escape(name) for name in folded) + ")")


def named_in(text: str, actors) -> Actor | None:
    """The first of ``actors`` (withheld ones) whose name ``text`` spells out, or None."""
    folded = fold(text or "")
    for actor in actors:
        pattern = _pattern(actor.names())
        if pattern and pattern.search(folded):
            return actor
    return None


def mentions(values: dict[str, str], actors=None) -> dict[str, Actor]:
    """Which of ``values`` (field name → text) name a withheld actor (by default any): field → actor."""
    actors = list(Actor.objects.withheld() if actors is None else actors)
    found = {}
    for field, text in values.items():
        actor = named_in(text, actors) if actors else None
        if actor:
            found[field] = actor
    return found


def public_texts() -> list[tuple]:
    """Each kind of text that reaches the public: (its model, its fields, the object whose page in the
    admin edits it: itself, or the event, demand or tour it belongs to)."""
    from django.apps import apps

    itself = lambda obj: obj  # noqa: E731
    return [
        (Event, translated_fields(EVENT_FIELDS), itself),
        (Citation, CITATION_FIELDS, itself),
        (Account, ACCOUNT_FIELDS, lambda account: account.event),
        (Source, SOURCE_FIELDS, itself),
        (apps.get_model("demands", "Demand"), DEMAND_FIELDS, itself),
        (apps.get_model("demands", "Outcome"), OUTCOME_FIELDS, lambda outcome: outcome.demand),
        (apps.get_model("tours", "Tour"), TOUR_FIELDS, itself),
        (apps.get_model("tours", "TourStop"), TOUR_STOP_FIELDS, lambda stop: stop.tour),
    ]


def texts_naming(actor: Actor) -> list[tuple[object, list[str]]]:
    """Where the texts still spell out ``actor``'s name: (the object whose page in the admin edits the
    text; its fields, named with the part of the page they are in where it is not the object itself)."""
    places = []
    for model, fields, page in public_texts():
        for obj in model.objects.order_by("pk"):
            found = mentions({field: getattr(obj, field, "") for field in fields}, [actor])
            if found:
                owner = page(obj)
                part = "" if owner is obj else f"{obj._meta.verbose_name}: "
                places.append((owner, [f"{part}{field}" for field in found]))
    return places
