"""The published events as the explorer's scripts read them: compact columns, one array per field.

Dates are day numbers (days since 1970-01-01); places, categories and people are indexes into small
tables sent alongside. No summary, body or search text: details come from the event's panel URL and
a free-text search is answered by the server (``EventSearchView``), so the browser and the server
never disagree on what a search finds. People are given by their public identifier only
(``Actor.public_slug``): a withheld name never leaves the server.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import json_script

from geo.models import Place

from .dates import period_end
from .models import CHRONOLOGY, Actor, Category, Event
from .publication import with_published_events

EPOCH = datetime.date(1970, 1, 1)
PRECISIONS = ("day", "month", "year")


def day_number(value: datetime.date) -> int:
    return (value - EPOCH).days


def place_point(place: Place) -> dict:
    """A place as the maps name it (timeline/static/timeline/labels.js)."""
    return {
        "slug": place.slug,
        "name": place.name,
        "kind": place.kind,  # the map names and groups the larger places first
        "lat": round(place.geom.y, 5),
        "lon": round(place.geom.x, 5),
    }


def place_row(place: Place) -> dict:
    return {**place_point(place), "area": json.loads(place.area.geojson) if place.area else None}


def events_columns() -> dict:
    """Every published event in the explorer's order (CHRONOLOGY, timeline/models.py), as columns, in
    the active language. A fixed number of queries, whatever the number of events."""
    places = list(with_published_events(Place.objects).order_by("slug"))
    categories = list(with_published_events(Category.objects).order_by("order", "name", "slug"))
    actors = Actor.in_public_order(with_published_events(Actor.objects))
    place_index = {place.pk: i for i, place in enumerate(places)}
    category_index = {category.pk: i for i, category in enumerate(categories)}
    actor_index = {actor.pk: i for i, actor in enumerate(actors)}
    events = list(Event.objects.published().with_disputed().order_by(*CHRONOLOGY))
    categories_of: dict[int, list[int]] = {}
    for event_id, category_id in Event.categories.through.objects.filter(
        event__in=Event.objects.published()
    ).values_list("event_id", "category_id"):
        if category_id in category_index:
            categories_of.setdefault(event_id, []).append(category_index[category_id])
    actors_of: dict[int, list[int]] = {}
    for event_id, actor_id in Event.actors.through.objects.filter(event__in=Event.objects.published()).values_list(
        "event_id", "actor_id"
    ):
        if actor_id in actor_index:
            actors_of.setdefault(event_id, []).append(actor_index[actor_id])
    start, end, last = [], [], []
    for event in events:
        first = day_number(event.start_date)
        start.append(first)
        # The day it ends (a span), as a number of days after its start; 0 without an end.
        end.append(day_number(event.end_date) - first if event.end_date else 0)
        # The last day the event may mean ("December 2011" lasts to the 31st), after its start.
        last.append(
            day_number(
                period_end(
                    event.end_date or event.start_date,
                    event.end_precision if event.end_date else event.date_precision,
                )
            )
            - first
        )
    return {
        "slug": [event.slug for event in events],
        "title": [event.title for event in events],
        "date": [event.date_display for event in events],
        "start": start,
        "end": end,
        "last": last,
        "precision": [PRECISIONS.index(event.date_precision) for event in events],
        "place": [place_index.get(event.place_id, -1) for event in events],
        "categories": [sorted(categories_of.get(event.pk, [])) for event in events],
        "actors": [sorted(actors_of.get(event.pk, [])) for event in events],
        "importance": [event.importance for event in events],
        # Where sources disagree (the ``disputed`` filter): the indexes of those events.
        "disputed": [i for i, event in enumerate(events) if event.is_disputed],
        "tables": {
            "precision": list(PRECISIONS),
            "places": [place_row(place) for place in places],
            "categories": [{"slug": c.slug, "name": c.name, "color": c.color} for c in categories],
            "actors": [actor.public_slug for actor in actors],
        },
    }


class CompactEncoder(DjangoJSONEncoder):
    """JSON without spaces, and every script's letters as they are (not as ``\\u`` escapes)."""

    item_separator, key_separator = ",", ":"

    def __init__(self, **options):
        super().__init__(**{**options, "ensure_ascii": False})


def events_script(element_id: str = "explorer-events"):
    """The columns in a ``<script type="application/json">`` for the page to carry (Django's
    ``json_script``: nothing in it can end the element)."""
    return json_script(events_columns(), element_id, encoder=CompactEncoder)
