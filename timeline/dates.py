"""Dates known to a day, a month or a year, and how they read."""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The period the site covers: the timeline's full view, the slideshows' strip, the date fields' limits.
# Defined here once; templates and scripts receive it from the server.
FIRST_DAY = datetime.date(2009, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


# How each precision reads; format characters as in Django's ``date`` filter.
DISPLAY_FORMATS = {
    Precision.DAY: "j F Y",
    Precision.MONTH: "F Y",
    Precision.YEAR: "Y",
}


def display_date(value: datetime.date | None, precision: str) -> str:
    """``16 December 2011``, ``June 2012`` or ``2009``, as precise as the date is known."""
    if value is None:
        return ""
    return date_format(value, DISPLAY_FORMATS[Precision(precision)])


def display_span(
    start: datetime.date, start_precision: str, end: datetime.date | None = None, end_precision: str = Precision.DAY
) -> str:
    """A date or a span: ``May – December 2011``, ``11 December 2023 – February 2024``."""
    first = display_date(start, start_precision)
    if end is None:
        return first
    last = display_date(end, end_precision)
    # Drop the start's year where both ends share it and both are at least month-precise.
    if start.year == end.year and Precision.YEAR not in (start_precision, end_precision):
        first = date_format(start, "j F" if start_precision == Precision.DAY else "F")
    return f"{first} – {last}"


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
