"""What the explorer, an event's page and a place's page say when they are shared
(``core.share.Share``): a title and a description that say what the view shows, and its map
(``timeline.og``)."""

import dataclasses
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates_i18n import date_style
from core.share import Share
from geo.models import Place

from .dates import FIRST_DAY, LAST_DAY, display_span, written
from .filters import EventFilters, canonical_filters, period_precision
from .models import Actor, Category, Event
from .publication import with_published_events

IMPORTANCE_LABELS = {
    1: lambda: _("Key events only"),
    2: lambda: _("Key and notable events"),
    3: lambda: _("Key, notable and detail events"),
}


def site_title() -> str:
    """What base.html calls the site."""
    return _("Zhanaozen 2011: the oil workers' strike, the massacre and after")


def site_description() -> str:
    """What base.html says of the site."""
    return _(
        "A sourced timeline and map of the 2011 oil workers' strike in western Kazakhstan, the Zhanaozen massacre of "
        "16 December 2011, the trials and solidarity that followed, and the 2023–24 strike in Zhetybai."
    )


# As many event titles as a description quotes.
QUOTED = 3


def period(filters: EventFilters) -> str:
    """The filters' dates as they read: ``May – December 2011``, ``from 2012``, ``to June 2014``."""
    start, end = filters.raw.get("from", ""), filters.raw.get("to", "")
    if filters.start and filters.end:
        return display_span(filters.start, period_precision(start), filters.end, period_precision(end))
    if filters.start:
        return _("from %(date)s") % {"date": written(date_style(), filters.start, period_precision(start))}
    if filters.end:
        # The end as written (``to=2011-12`` is December, not its last day).
        return _("to %(date)s") % {"date": written(date_style(), filters.end, period_precision(end))}
    return ""


def facets(filters: EventFilters) -> list[str]:
    """What the filters select, in words, each in the page's language. A name only drafts use is not
    public yet (``with_published_events``): the slug, as written in the address, stands for it."""
    said = []
    if filters.place:
        place = with_published_events(Place.objects).filter(slug=filters.place).first()
        said.append(place.name if place else filters.place)
    if filters.start or filters.end:
        said.append(period(filters))
    if filters.categories:
        names = with_published_events(Category.objects).filter(slug__in=filters.categories).order_by("order", "slug")
        said.append(" / ".join(category.name for category in names) or ", ".join(filters.categories))
    if filters.actor:
        actor = with_published_events(Actor.objects.by_public_slug(filters.actor)).first()
        said.append(actor.public_name if actor else filters.actor)
    if filters.text:
        said.append(f"“{filters.text}”")
    if filters.importance:
        said.append(IMPORTANCE_LABELS[filters.importance]())
    if filters.disputed:
        said.append(_("Sources disagree"))
    return said


def events_title(filters: EventFilters, count: int) -> str:
    """``Events: Zhanaozen, May – December 2011 (12 events)``; with no filter, the whole span."""
    what = ", ".join(facets(filters)) or f"{FIRST_DAY.year}–{LAST_DAY.year}"
    return ngettext("Events: %(what)s (%(count)s event)", "Events: %(what)s (%(count)s events)", count) % {
        "what": what,
        "count": count,
    }


def events_description(events, count: int | None = None) -> str:
    """How many events (``count``, when the caller knows it), and the titles of the most important."""
    count = events.count() if count is None else count
    if not count:
        return _("No event matches these filters.")
    quoted = [event.title for event in events.order_by("importance", "start_date", "slug")[:QUOTED]]
    titles = "; ".join(quoted) + ("…" if count > QUOTED else "")
    return ngettext(
        "%(count)s sourced event on a map and a timeline: %(titles)s",
        "%(count)s sourced events on a map and a timeline: %(titles)s",
        count,
    ) % {"count": count, "titles": titles}


def explorer_image(filters_query: list[tuple[str, str]]) -> str:
    query = urlencode(filters_query)
    return reverse("timeline:og-explorer") + (f"?{query}" if query else "")


def embed_address(pairs: list[tuple[str, str]]) -> str:
    """The explorer's embed showing the view of these query parameters."""
    query = urlencode(pairs)
    return reverse("timeline:embed") + (f"?{query}" if query else "")


def explorer_share(request, filters: EventFilters, event: Event | None = None, count: int | None = None) -> Share:
    """The explorer: the event it opens at, or what its filters select (``count`` events, when the
    caller has counted them)."""
    if event is not None:
        return dataclasses.replace(
            event_share(event), embed=embed_address([*canonical_filters(request.GET), ("event", event.slug)])
        )
    if not filters.active:  # the front door: what the site is about
        title = site_title()
        return Share(
            title=title,
            description=site_description(),
            image=explorer_image([]),
            image_alt=_("Map of the places of these events: %(title)s") % {"title": title},
            document_title=title,
            embed=embed_address([]),
        )
    events = filters.apply(Event.objects.published())
    count = events.count() if count is None else count
    title = events_title(filters, count)
    return Share(
        title=title,
        description=events_description(events, count),
        image=explorer_image(canonical_filters(request.GET)),
        image_alt=_("Map of the places of these events: %(title)s") % {"title": title},
        embed=embed_address(canonical_filters(request.GET)),
    )


def event_share(event: Event) -> Share:
    title = f"{event.title} ({event.date_display})"
    where = event.place.name if event.place else _("no single place")
    return Share(
        title=title,
        description=event.summary,
        image=reverse("timeline:og-event", kwargs={"slug": event.slug}),
        image_alt=_("Map: %(place)s") % {"place": where},
        type="article",
        embed=embed_address([("event", event.slug)]),
    )


def place_share(place: Place) -> Share:
    filters = EventFilters(place=place.slug)
    events = filters.apply(Event.objects.published())
    return Share(
        title=place.name,
        description=place.description or events_description(events),
        image=explorer_image([("place", place.slug)]),
        image_alt=_("Map: %(place)s") % {"place": place.name},
        embed=embed_address([("place", place.slug)]),
    )
