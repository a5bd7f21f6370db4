"""Dates known to a day, a month or a year, and how they read."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.dates_i18n import DateStyle, date_style

# The period the site covers: the timeline's full view, the slideshows' strip, the date fields' limits.
# Defined here once; templates and scripts receive it from the server.
FIRST_DAY = datetime.date(2008, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Qualifier(models.TextChoices):
    """How sure a date is, in the spirit of EDTF's ``~`` (approximate) and its open ends (``..``)."""

    EXACT = "exact", _("as given")
    APPROXIMATE = "approximate", _("approximate (about)")
    BEFORE = "before", _("on or before (by)")
    AFTER = "after", _("on or after (or later)")


def qualified(text: str, qualifier: str, precision: str) -> str:
    """A written date with its qualifier: ``about May 2011``, ``by the end of June 2011``,
    ``by 27 February 2024``, ``27 February 2024 or later``."""
    if not text or qualifier in ("", Qualifier.EXACT):
        return text
    if qualifier == Qualifier.APPROXIMATE:
        return pgettext("uncertain date", "about %(date)s") % {"date": text}
    if qualifier == Qualifier.BEFORE:
        if precision == Precision.DAY:
            return pgettext("uncertain date", "by %(date)s") % {"date": text}
        return pgettext("uncertain date, a month or a year", "by the end of %(date)s") % {"date": text}
    return pgettext("uncertain date", "%(date)s or later") % {"date": text}


# Between a span's ends, in every language.
SPAN_SEPARATOR = " – "


def written(style: DateStyle, value: datetime.date, precision: str, *, with_year: bool = True) -> str:
    """``value`` as ``style`` writes a date of this precision (a year is always written with its year)."""
    match Precision(precision):
        case Precision.DAY:
            return style.write_day(value, with_year=with_year)
        case Precision.MONTH:
            return style.write_month(value, with_year=with_year)
    return style.write_year(value)


def display_date(value: datetime.date | None, precision: str, qualifier: str = Qualifier.EXACT) -> str:
    """As precise as the date is known, in the active language.

    ``16 December 2011``, ``June 2012``, ``2009``; ``16 декабря 2011 г.``, ``июнь 2012 г.``, ``2009 г.``;
    ``2011 жылғы 16 желтоқсан``, ``2012 жылғы маусым``, ``2009 жыл``; with a qualifier, ``about May 2011``.
    """
    if value is None:
        return ""
    return qualified(written(date_style(), value, precision), qualifier, precision)


def display_span(
    start: datetime.date,
    start_precision: str,
    end: datetime.date | None = None,
    end_precision: str = Precision.DAY,
    *,
    start_qualifier: str = Qualifier.EXACT,
    end_qualifier: str = Qualifier.EXACT,
) -> str:
    """A date or a span: ``May – December 2011``, ``11 December 2023 – February 2024``,
    ``май – декабрь 2011 г.``, ``2011 жылғы мамыр – желтоқсан``; with qualifiers,
    ``about May 2011 – 16 December 2011``, ``11 December 2023 – 27 February 2024 or later``."""
    if end is None:
        return display_date(start, start_precision, start_qualifier)
    style = date_style()
    # Where both ends share the year and both are at least month-precise, write the year once: with
    # the end (English, Russian), or with the start where the language puts the year first (Kazakh).
    # Qualified ends are written whole, so that a qualifier reads with its own year.
    shared = (
        start.year == end.year
        and Precision.YEAR not in (start_precision, end_precision)
        and {start_qualifier, end_qualifier} <= {Qualifier.EXACT, ""}
    )
    first = written(style, start, start_precision, with_year=not shared or style.year_first)
    last = written(style, end, end_precision, with_year=not shared or not style.year_first)
    first = qualified(first, start_qualifier, start_precision)
    last = qualified(last, end_qualifier, end_precision)
    return f"{first}{SPAN_SEPARATOR}{last}"


def is_truncated(value: datetime.date, precision: str) -> bool:
    """Whether ``value`` is the first day of its month (or year) as its precision requires."""
    if precision == Precision.MONTH:
        return value.day == 1
    if precision == Precision.YEAR:
        return value.day == 1 and value.month == 1
    return True


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day that a date of this precision may mean (for sorting and range filters)."""
    if precision == Precision.YEAR or (precision == Precision.MONTH and value.month == 12):
        return datetime.date(value.year, 12, 31)
    if precision == Precision.MONTH:
        return datetime.date(value.year, value.month + 1, 1) - datetime.timedelta(days=1)
    return value


def iso_at_precision(value: datetime.date, precision: str) -> str:
    """``value`` as ISO 8601 writes a date known to this precision: ``2011-12-16``, ``2011-06``, ``2011``
    (Schema.org's dates and Linked Places' timespans read these)."""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
