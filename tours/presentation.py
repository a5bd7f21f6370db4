"""What a slideshow needs: its slides, built from a tour's stops or from the explorer's filters."""

import dataclasses
import datetime

from core.i18n import fallback_language
from timeline.dates import FIRST_DAY, LAST_DAY, period_end
from timeline.models import Event

from .models import TourStop

# A one-off slideshow of the explorer's selection stops here: nobody presents more in a lesson.
MAX_SLIDES = 100


@dataclasses.dataclass
class Slide:
    number: int
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
                number=number,
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


def event_slides(events) -> list[Slide]:
    events = events.select_related("place").prefetch_related("citations__source", "categories")
    return [
        _with_place(
            Slide(number=number, event=event, text=event.summary, text_lang=fallback_language(event, "summary"))
        )
        for number, event in enumerate(events[:MAX_SLIDES], start=1)
    ]


def year_ticks() -> list[dict]:
    return [
        {"year": year, "position": _position(datetime.date(year, 1, 1))}
        for year in range(FIRST_DAY.year, LAST_DAY.year + 1)
    ]
