"""The explorer's filters, read from a query string: one reading for the HTML pages and the API.

``from`` and ``to`` take YYYY, YYYY-MM or YYYY-MM-DD; ``to`` means through the end of that period.
``category`` takes comma-separated slugs, ``place`` and ``actor`` a slug, ``q`` free text,
``importance`` 1, 2 or 3 (events at least that important).
"""

import dataclasses
import datetime
import re

from django.utils.translation import gettext as _

from .dates import Precision, period_end

# As the API's schema documents it: ASCII digits, nothing around them.
PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")


class FilterError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def parse_period(parameter: str, value: str, *, end: bool = False) -> datetime.date:
    """The first (or with ``end``, the last) day of ``2011``, ``2011-05`` or ``2011-05-16``."""
    match = PERIOD.fullmatch(value)
    if not match:
        raise FilterError(parameter, _("give a year, a month or a day: 2011, 2011-05 or 2011-05-16."))
    # A month or a day left out is the first; one given as 00 is not in the calendar.
    year, month, day = (int(part or 1) for part in match.groups())
    try:
        first = datetime.date(year, month, day)
    except ValueError:
        raise FilterError(parameter, _("%(value)s is not a date in the calendar.") % {"value": value}) from None
    if not end:
        return first
    precision = Precision.DAY if match[3] else Precision.MONTH if match[2] else Precision.YEAR
    return period_end(first, precision)


def split_slugs(value: str) -> list[str]:
    return [slug.strip() for slug in value.split(",") if slug.strip()]


@dataclasses.dataclass
class EventFilters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    categories: list[str] = dataclasses.field(default_factory=list)
    place: str = ""
    actor: str = ""
    text: str = ""
    importance: int | None = None

    parameters = ("from", "to", "category", "place", "actor", "q", "importance")

    @classmethod
    def from_query(cls, params) -> "EventFilters":
        """Read the filters from a QueryDict (or dict); raise FilterError naming a bad parameter."""
        for name in cls.parameters:
            # PostgreSQL cannot take a NUL in a query; no slug, date or text of ours has one.
            if "\x00" in params.get(name, ""):
                raise FilterError(name, _("null characters are not allowed."))
        filters = cls()
        if params.get("from"):
            filters.start = parse_period("from", params["from"])
        if params.get("to"):
            filters.end = parse_period("to", params["to"], end=True)
        if filters.start and filters.end and filters.start > filters.end:
            raise FilterError("to", _("the end of the period comes before its start."))
        # ``category=a,b`` (links) or one ``category`` per ticked box (the explorer's form): both.
        categories = params.getlist("category") if hasattr(params, "getlist") else [params.get("category", "")]
        filters.categories = split_slugs(",".join(categories))
        filters.place = params.get("place", "").strip()
        filters.actor = params.get("actor", "").strip()
        filters.text = params.get("q", "").strip()
        if params.get("importance"):
            if params["importance"] not in {"1", "2", "3"}:
                raise FilterError("importance", _("give 1, 2 or 3."))
            filters.importance = int(params["importance"])
        return filters

    @property
    def active(self) -> bool:
        return any([self.start, self.end, self.categories, self.place, self.actor, self.text, self.importance])

    def apply(self, events):
        """Narrow an Event queryset to what the filters ask for."""
        if self.start or self.end:
            events = events.between(self.start, self.end)
        if self.categories:
            events = events.in_categories(self.categories)
        if self.place:
            events = events.filter(place__slug=self.place)
        if self.actor:
            events = events.filter(actors__slug=self.actor).distinct()
        if self.text:
            events = events.search(self.text)
        if self.importance:
            events = events.filter(importance__lte=self.importance)
        return events
