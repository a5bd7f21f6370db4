"""What a slideshow needs: its slides, built from a tour's stops, from a tour's address or from the
explorer's filters, between an opening slide (slide 1) and a closing one (the last).

Slides are numbered as they are shown (the ``#n`` of the address, "Slide n of N", the number typed
then Enter): the opening is 1, the first stop 2, the closing ``len(stops) + 2``. A stop keeps its own
number too (``Slide.stop``), from 1, which the handout prints.
"""

import dataclasses
import datetime
import json

from core.i18n import fallback_language
from timeline.dates import FIRST_DAY, LAST_DAY, display_date, period_end
from timeline.models import Event

from .models import TourStop

# A one-off slideshow of the explorer's selection stops here: nobody presents more in a lesson.
MAX_SLIDES = 100
# The opening slide comes before the stops: stop n is slide n + OPENING.
OPENING = 1


@dataclasses.dataclass
class Slide:
    stop: int  # the stop's number, from 1 (the handout's)
    event: Event
    text: str
    note: str = ""
    # The language of the text and the note where they fall back to English ("" when they do not).
    text_lang: str = ""
    note_lang: str = ""
    map_lat: float | None = None
    map_lon: float | None = None
    map_zoom: int | None = None

    @property
    def number(self) -> int:
        """The slide's number in the slideshow (``#n``), after the opening slide."""
        return self.stop + OPENING

    @property
    def position(self) -> float:
        """Where the event starts on the mini-timeline of the site's span (2008–2024), from 0 to 100."""
        return _position(self.event.start_date)

    @property
    def width(self) -> float:
        """How much of the mini-timeline the event covers (0 for a single day)."""
        if not self.event.end_date:
            return 0
        end = period_end(self.event.end_date, self.event.end_precision)
        return max(_position(end) - self.position, 0)


def _position(day: datetime.date) -> float:
    span = (LAST_DAY - FIRST_DAY).days
    return round(min(max((day - FIRST_DAY).days / span, 0), 1) * 100, 3)


def _with_place(slide: Slide) -> Slide:
    place = slide.event.place
    if slide.map_lat is None and place:
        slide.map_lat, slide.map_lon = place.geom.y, place.geom.x
    return slide


def tour_slides(tour, *, notes: bool = False) -> list[Slide]:
    """The tour's stops at published events, in order; with their teacher's notes only for ``notes``
    (the presenter view): the audience's page does not carry them."""
    stops = (
        TourStop.objects.filter(tour=tour, event__status=Event.Status.PUBLISHED)
        .select_related("event__place")
        .prefetch_related("event__citations__source", "event__categories")
        .order_by("order", "pk")
    )
    return [
        _with_place(
            Slide(
                stop=number,
                event=stop.event,
                text=stop.text,
                text_lang=fallback_language(stop, "focus") if stop.focus else fallback_language(stop.event, "summary"),
                note=stop.note if notes else "",
                note_lang=fallback_language(stop, "note") if notes else "",
                map_lat=stop.map_center.y if stop.map_center else None,
                map_lon=stop.map_center.x if stop.map_center else None,
                map_zoom=stop.map_zoom,
            )
        )
        for number, stop in enumerate(stops, start=1)
    ]


def event_slides(events, *, order=None, notes=None) -> list[Slide]:
    """A slide for each of ``events`` (at most ``MAX_SLIDES``): in their queryset's order, or in the
    order of the slugs ``order`` (a tour's address). ``notes``, the presenter view of a tour's
    address, gives each its teacher's note by slug."""
    events = events.select_related("place").prefetch_related("citations__source", "categories")
    if order is not None:
        found = {event.slug: event for event in events.filter(slug__in=order)}
        events = [found[slug] for slug in order if slug in found]
    notes = notes or {}
    return [
        _with_place(
            Slide(
                stop=number,
                event=event,
                text=event.summary,
                text_lang=fallback_language(event, "summary"),
                note=notes.get(event.slug, ""),
            )
        )
        for number, event in enumerate(events[:MAX_SLIDES], start=1)
    ]


@dataclasses.dataclass
class Opening:
    """The first slide: the tour's title, its summary, the span of its dates, its places."""

    title: str
    summary: str
    first: Event | None  # the earliest event (not the first stop)
    # Where the latest of them ends, a span's end included (date, precision, qualifier): None when the
    # whole tour is one event of one date.
    until: tuple | None
    places: list  # (place, how many stops are there), the most visited first
    number: int = 1

    @property
    def begins(self) -> str:
        return display_date(self.first.start_date, self.first.date_precision, self.first.date_qualifier)

    @property
    def ends(self) -> str:
        return display_date(*self.until)

    @property
    def points(self) -> list[list[float]]:
        """The places as [latitude, longitude], for the map to show them all at once."""
        return [[place.geom.y, place.geom.x] for place, _count in self.places]

    @property
    def points_json(self) -> str:
        return json.dumps(self.points)


@dataclasses.dataclass
class Closing:
    """The last slide: every source the slides cite, once, and where the tour can be found again."""

    sources: list
    address: str  # the tour's path with its query, as the QR code gives it (never with the notes)
    number: int


def opening(slides: list[Slide], *, title: str, summary: str = "") -> Opening:
    events = sorted((slide.event for slide in slides), key=lambda event: (event.start_date, event.importance))
    counts: dict = {}
    for slide in slides:
        if slide.event.place:
            counts.setdefault(slide.event.place.pk, [slide.event.place, 0])[1] += 1
    places = sorted(counts.values(), key=lambda pair: (-pair[1], pair[0].name))
    ends = [
        (event.end_date, event.end_precision, event.end_qualifier)
        if event.end_date
        else (event.start_date, event.date_precision, event.date_qualifier)
        for event in events
    ]
    until = max(ends, key=lambda end: period_end(end[0], end[1]), default=None)
    if len(events) == 1 and not events[0].end_date:
        until = None
    return Opening(
        title=title,
        summary=summary,
        first=events[0] if events else None,
        until=until,
        places=[tuple(pair) for pair in places],
    )


def closing(slides: list[Slide], *, address: str) -> Closing:
    sources = {}
    for slide in slides:
        for citation in slide.event.citations.all():
            sources.setdefault(citation.source.pk, citation.source)
    number = (slides[-1].number if slides else OPENING) + 1
    return Closing(sources=list(sources.values()), address=address, number=number)


def year_ticks() -> list[dict]:
    return [
        {"year": year, "position": _position(datetime.date(year, 1, 1))}
        for year in range(FIRST_DAY.year, LAST_DAY.year + 1)
    ]
