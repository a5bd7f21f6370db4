"""The explorer's filters, read from a query string: one contract for the HTML pages, the API, the
slideshows and the browser.

``PARAMETERS`` describes each parameter once (its name and form); the explorer sends ``contract()`` to
its scripts, which read and keep the same parameters in the same forms (``filter.js``, ``state.js``).

- ``from`` and ``to`` take YYYY, YYYY-MM or YYYY-MM-DD; ``to`` means through the end of that period.
- ``category`` takes comma-separated slugs (or the parameter several times): events in any of them.
- ``place`` and ``actor`` take a slug (``place=none``, ``NO_PLACE``: the events with no single place);
  ``importance`` 1, 2 or 3 (at least that important).
- ``disputed`` takes 1 (a ticked box): only events where sources disagree (with accounts side by side).
- ``q`` takes free text, looked for in each event's search text, both folded (``core.search``): any
  case, script or common spelling of a name.
- A parameter given several times (a form's hidden value, then its visible field) counts with its
  last non-empty value; ``category`` with all of them.
"""

import dataclasses
import datetime
import re

from django.utils.translation import gettext as _

from core.search import rules as search_rules

from .dates import FIRST_DAY, LAST_DAY, Precision, period_end
from .models import Actor

# As the API's schema documents it: ASCII digits, nothing around them.
PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")


class Form:
    """How a parameter's value is written."""

    PERIOD = "period"  # 2011, 2011-05 or 2011-05-16
    SLUGS = "slugs"  # a,b,c
    SLUG = "slug"
    TEXT = "text"
    CHOICE = "choice"  # one of ``choices``
    FLAG = "flag"  # on with its one choice (a ticked box's value), off when left out or empty


@dataclasses.dataclass(frozen=True)
class Parameter:
    name: str
    form: str
    choices: tuple[str, ...] = ()

    def as_json(self) -> dict:
        described = {"name": self.name, "form": self.form, "default": ""}
        if self.choices:
            described["choices"] = list(self.choices)
        return described


IMPORTANCE = Parameter("importance", Form.CHOICE, choices=("1", "2", "3"))
DISPUTED = Parameter("disputed", Form.FLAG, choices=("1",))
PARAMETERS = (
    Parameter("from", Form.PERIOD),
    Parameter("to", Form.PERIOD),
    Parameter("category", Form.SLUGS),
    Parameter("place", Form.SLUG),
    Parameter("actor", Form.SLUG),
    Parameter("q", Form.TEXT),
    IMPORTANCE,
    DISPUTED,
)
# The ``place`` that stands for none: events that happened in many places or nowhere in particular.
NO_PLACE = "none"
PARAMETER_NAMES = tuple(parameter.name for parameter in PARAMETERS)


def contract() -> dict:
    """What the browser needs to read the filters exactly as the server does."""
    return {
        "parameters": [parameter.as_json() for parameter in PARAMETERS],
        "period": PERIOD.pattern,
        "span": [FIRST_DAY.isoformat(), LAST_DAY.isoformat()],
        "noPlace": NO_PLACE,
        "search": search_rules(),
    }


class FilterError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def period_precision(value: str) -> str:
    """The precision a valid period is written at: ``2011`` a year, ``2011-05`` a month."""
    _year, month, day = PERIOD.fullmatch(value).groups()
    return Precision.DAY if day else Precision.MONTH if month else Precision.YEAR


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
    return period_end(first, period_precision(value))


def split_slugs(value: str) -> list[str]:
    return [slug.strip() for slug in value.split(",") if slug.strip()]


def _values(params, name: str) -> list[str]:
    """Every value given for ``name``, from a QueryDict or a plain dict."""
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name)
    return [] if value is None else [value]


def last_value(params, name: str) -> str:
    """The last value given for ``name`` that is not blank, as it was written."""
    values = [value for value in _values(params, name) if value.strip()]
    return values[-1] if values else ""


def search_limit(params) -> str | None:
    """The rate limit a free-text search counts against (``core.ratelimits``), or None without one:
    no cache serves each new text."""
    return "search" if last_value(params, "q").strip() else None


@dataclasses.dataclass
class EventFilters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    categories: list[str] = dataclasses.field(default_factory=list)
    place: str = ""
    actor: str = ""
    text: str = ""
    importance: int | None = None
    disputed: bool = False
    # The period values as they were written (``2011``, ``2011-12-16``), kept in that form.
    raw: dict[str, str] = dataclasses.field(default_factory=dict)

    parameters = PARAMETER_NAMES

    @classmethod
    def from_query(cls, params) -> "EventFilters":
        """Read the filters from a QueryDict (or dict); raise FilterError naming a bad parameter."""
        for name in cls.parameters:
            # PostgreSQL cannot take a NUL in a query; no slug, date or text of ours has one.
            if any("\x00" in value for value in _values(params, name)):
                raise FilterError(name, _("null characters are not allowed."))
        filters = cls(raw={name: last_value(params, name) for name in ("from", "to")})
        if filters.raw["from"]:
            filters.start = parse_period("from", filters.raw["from"])
        if filters.raw["to"]:
            filters.end = parse_period("to", filters.raw["to"], end=True)
        if filters.start and filters.end and filters.start > filters.end:
            raise FilterError("to", _("the end of the period comes before its start."))
        # ``category=a,b`` (links) or one ``category`` per ticked box (the explorer's form): both.
        filters.categories = split_slugs(",".join(_values(params, "category")))
        filters.place = last_value(params, "place").strip()
        filters.actor = last_value(params, "actor").strip()
        filters.text = last_value(params, "q").strip()
        importance = last_value(params, "importance")
        if importance:
            if importance not in IMPORTANCE.choices:
                raise FilterError("importance", _("give 1, 2 or 3."))
            filters.importance = int(importance)
        disputed = last_value(params, "disputed")
        if disputed:
            if disputed not in DISPUTED.choices:
                raise FilterError("disputed", _("give 1, or leave it out."))
            filters.disputed = True
        return filters

    @property
    def active(self) -> bool:
        return any(
            [self.start, self.end, self.categories, self.place, self.actor, self.text, self.importance, self.disputed]
        )

    def period_note(self, name: str) -> dict | None:
        """A period the explorer's month field cannot show (a year, a day): its value and precision."""
        value = self.raw.get(name, "")
        if not value or period_precision(value) == Precision.MONTH:
            return None
        return {"value": value, "date": parse_period(name, value), "precision": period_precision(value)}

    def apply(self, events):
        """Narrow an Event queryset to what the filters ask for."""
        if self.start or self.end:
            events = events.between(self.start, self.end)
        if self.categories:
            events = events.in_categories(self.categories)
        if self.place == NO_PLACE:
            events = events.filter(place__isnull=True)
        elif self.place:
            events = events.filter(place__slug=self.place)
        if self.actor:
            # By the public identifier: a withheld name's is not its slug (``Actor.public_slug``).
            events = events.filter(actors__in=Actor.objects.by_public_slug(self.actor)).distinct()
        if self.text:
            events = events.search(self.text)
        if self.importance:
            events = events.filter(importance__lte=self.importance)
        if self.disputed:
            events = events.disputed()
        return events


def canonical_filters(params, *, as_written: bool = True) -> list[tuple[str, str]]:
    """The filters of a query in one form, for a cache key and the query a view is then built from
    (``core.freshness.cached_by_content``): equal queries give equal lists, and the view built from
    the list gives what the query asked for.

    Each parameter is read as ``from_query`` reads it (its last non-blank value; ``category`` all of
    them, in any order, each slug once); empty ones are left out. With ``as_written``, periods keep
    the form they were written in, which the explorer shows (``2011`` is a year, ``2011-01`` a
    month); without it (the API, which shows none), a period becomes the day it stands for there:
    ``from=2011`` and ``from=2011-01-01`` are one query, as are ``to=2011`` and ``to=2011-12-31``.
    A query with a bad value (a 400) is kept whole, every value as it came, for the view to refuse.
    """
    try:
        filters = EventFilters.from_query(params)
    except FilterError:
        return [(name, value) for name in PARAMETER_NAMES for value in _values(params, name)]
    if as_written:
        periods = [("from", filters.raw["from"]), ("to", filters.raw["to"])]
    else:
        periods = [
            ("from", filters.start and filters.start.isoformat()),
            ("to", filters.end and filters.end.isoformat()),
        ]
    pairs = [
        *periods,
        ("category", ",".join(sorted(set(filters.categories)))),
        ("place", filters.place),
        ("actor", filters.actor),
        ("q", filters.text),
        ("importance", str(filters.importance or "")),
        ("disputed", "1" if filters.disputed else ""),
    ]
    return [(name, value) for name, value in pairs if value]
