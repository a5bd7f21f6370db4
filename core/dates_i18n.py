"""How English, Russian and Kazakh write a date known to a day, a month or a year.

The month names are written out here rather than taken from Django's catalogues: Django's Russian
``F`` is capitalised ("Декабрь"), and its Kazakh months are capitalised in every form
("Желтоқсан"), with no formats module for Kazakh at all. Any other language writes dates in English.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class DateStyle:
    """One language's way with dates.

    The patterns take ``{day}``, ``{month}`` (a name from ``months``, or from ``months_after_day``
    after a day's number) and ``{year}``.
    """

    months: tuple[str, ...]
    months_after_day: tuple[str, ...]
    # For a time axis, where room is short: "Dec 2011", "16 Dec".
    months_short: tuple[str, ...]
    short_month: str
    short_day: str
    day: str
    day_without_year: str
    month: str
    month_without_year: str
    year: str
    # Where a span's ends share a year it is written once: with the start where the language puts
    # the year first (Kazakh), otherwise with the end.
    year_first: bool = False

    def write_day(self, value: datetime.date, *, with_year: bool = True) -> str:
        pattern = self.day if with_year else self.day_without_year
        return pattern.format(day=value.day, month=self.months_after_day[value.month - 1], year=value.year)

    def write_month(self, value: datetime.date, *, with_year: bool = True) -> str:
        pattern = self.month if with_year else self.month_without_year
        return pattern.format(month=self.months[value.month - 1], year=value.year)

    def write_year(self, value: datetime.date) -> str:
        return self.year.format(year=value.year)

    def as_json(self) -> dict:
        """The same rules for the browser's scripts (timeline/static/timeline/i18n.js)."""
        return {
            "months": self.months,
            "monthsAfterDay": self.months_after_day,
            "monthsShort": self.months_short,
            "day": self.day,
            "month": self.month,
            "year": self.year,
            "shortMonth": self.short_month,
            "shortDay": self.short_day,
        }


def twelve(names: str) -> tuple[str, ...]:
    """The twelve month names in ``names``, January first."""
    months = tuple(names.split())
    if len(months) != 12:
        raise ValueError(f"Twelve month names, not {len(months)}: {names}")
    return months


ENGLISH_MONTHS = twelve("January February March April May June July August September October November December")
ENGLISH = DateStyle(
    months=ENGLISH_MONTHS,
    months_after_day=ENGLISH_MONTHS,
    months_short=twelve("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    short_month="{month} {year}",  # Dec 2011
    short_day="{day} {month}",  # 16 Dec
    day="{day} {month} {year}",  # 16 December 2011
    day_without_year="{day} {month}",
    month="{month} {year}",  # June 2012
    month_without_year="{month}",
    year="{year}",  # 2012
)

RUSSIAN = DateStyle(
    # A month on its own is in the nominative, after a day's number in the genitive.
    months=twelve("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"),
    months_after_day=twelve("января февраля марта апреля мая июня июля августа сентября октября ноября декабря"),
    months_short=twelve("янв. февр. март апр. май июнь июль авг. сент. окт. нояб. дек."),
    short_month="{month} {year}",  # дек. 2011
    short_day="{day} {month}",  # 16 дек.
    day="{day} {month} {year} г.",  # 16 декабря 2011 г.
    day_without_year="{day} {month}",
    month="{month} {year} г.",  # июнь 2012 г.
    month_without_year="{month}",
    year="{year} г.",  # 2012 г.
)

KAZAKH_MONTHS = twelve("қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан")
KAZAKH = DateStyle(
    months=KAZAKH_MONTHS,
    months_after_day=KAZAKH_MONTHS,
    months_short=twelve("қаң. ақп. нау. сәу. мам. мау. шіл. там. қыр. қаз. қар. жел."),
    short_month="{year} ж. {month}",  # 2011 ж. жел.
    short_day="{day} {month}",  # 16 жел.
    day="{year} жылғы {day} {month}",  # 2011 жылғы 16 желтоқсан
    day_without_year="{day} {month}",
    month="{year} жылғы {month}",  # 2012 жылғы маусым
    month_without_year="{month}",
    year="{year} жыл",  # 2012 жыл
    year_first=True,
)

STYLES = {"en": ENGLISH, "ru": RUSSIAN, "kk": KAZAKH}


def date_style(language: str | None = None) -> DateStyle:
    """The style of ``language`` (by default the active one; ``ru-ru`` as ``ru``), English for any other."""
    code = (language or get_language() or "").lower().split("-")[0]
    return STYLES.get(code, ENGLISH)
