"""Synthetic events for benchmarks: many published, cited events spread over the site's span (2008–2024).

They are marked by the slug prefix ``synthetic-`` so they can be removed again in one step.
"""

import datetime
import random

from django.db import transaction

from geo.models import Place

from .dates import FIRST_DAY, LAST_DAY, Precision
from .models import Actor, Category, Citation, Event, Source
from .search import refresh_search_text

PREFIX = "synthetic-"
DAYS = (LAST_DAY - FIRST_DAY).days


def make_synthetic_events(*, count: int, seed: int = 2011) -> int:
    """Add ``count`` synthetic events that cite a real source and sit at real places; return how many."""
    places = list(Place.objects.all())
    categories = list(Category.objects.all())
    actors = list(Actor.objects.all())
    source = Source.objects.order_by("pk").first()
    if not (places and categories and source):
        raise ValueError("Load the content first (places, categories and a source are needed).")
    rng = random.Random(seed)
    start = Event.objects.filter(slug__startswith=PREFIX).count()
    events = []
    for number in range(start, start + count):
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        precision = rng.choice([Precision.DAY] * 8 + [Precision.MONTH])
        if precision == Precision.MONTH:
            day = day.replace(day=1)
        events.append(
            Event(
                title=f"Synthetic event {number}",
                slug=f"{PREFIX}{number}",
                summary="A synthetic event for benchmarks.",
                body="Synthetic.",
                start_date=day,
                date_precision=precision,
                place=rng.choice(places),
                importance=rng.choice([1, 2, 2, 3, 3, 3]),
                status=Event.Status.PUBLISHED,
            )
        )
    with transaction.atomic():
        created = Event.objects.bulk_create(events, batch_size=500)
        if not all(event.pk for event in created):
            created = list(Event.objects.filter(slug__in=[event.slug for event in events]))
        Citation.objects.bulk_create(
            [Citation(event=event, source=source, locator="Synthetic.") for event in created], batch_size=500
        )
        Event.categories.through.objects.bulk_create(
            [Event.categories.through(event=event, category=rng.choice(categories)) for event in created],
            batch_size=500,
        )
        if actors:
            Event.actors.through.objects.bulk_create(
                [Event.actors.through(event=event, actor=rng.choice(actors)) for event in created], batch_size=500
            )
        # Written in bulk, without save() or signals: their search text is written here.
        refresh_search_text(Event.objects.filter(slug__startswith=PREFIX))
    return len(created)


def delete_synthetic_events() -> int:
    deleted, _per_model = Event.objects.filter(slug__startswith=PREFIX).delete()
    return deleted
