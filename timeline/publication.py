"""What is public: places, categories, people and sources only once a published event uses them."""

from django.db.models import Count, Q

from .models import Event


def with_published_events(queryset, events: str = "events"):
    """Only the rows that published events refer to (through the relation ``events``), each with
    its ``event_count``.

    Places, categories, people and sources that only drafts use are not public yet: their names
    could give away what the drafts are about.
    """
    published = Q(**{f"{events}__in": Event.objects.published()})
    return queryset.annotate(event_count=Count(events, filter=published)).filter(event_count__gt=0)
