import datetime
from importlib import import_module

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import FORMAT_SETTINGS, date_format, get_format, number_format

from timeline.dates import Precision, display_date, display_span, is_truncated, period_end

D = datetime.date

# Each month as Russian names it on its own and after a day's number, and as Kazakh names it.
MONTH_NAMES = [
    (1, "январь", "января", "қаңтар"),
    (2, "февраль", "февраля", "ақпан"),
    (3, "март", "марта", "наурыз"),
    (4, "апрель", "апреля", "сәуір"),
    (5, "май", "мая", "мамыр"),
    (6, "июнь", "июня", "маусым"),
    (7, "июль", "июля", "шілде"),
    (8, "август", "августа", "тамыз"),
    (9, "сентябрь", "сентября", "қыркүйек"),
    (10, "октябрь", "октября", "қазан"),
    (11, "ноябрь", "ноября", "қараша"),
    (12, "декабрь", "декабря", "желтоқсан"),
]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (D(2011, 12, 16), Precision.DAY, "16 December 2011"),
        (D(2012, 6, 1), Precision.MONTH, "June 2012"),
        (D(2009, 1, 1), Precision.YEAR, "2009"),
    ],
)
def test_date_reads_as_precisely_as_it_is_known(value, precision, expected):
    assert display_date(value, precision) == expected


@pytest.mark.parametrize(
    ("language", "value", "precision", "expected"),
    [
        ("en", D(2011, 12, 16), Precision.DAY, "16 December 2011"),
        ("en", D(2012, 6, 1), Precision.MONTH, "June 2012"),
        ("en", D(2012, 1, 1), Precision.YEAR, "2012"),
        ("ru", D(2011, 12, 16), Precision.DAY, "16 декабря 2011 г."),
        ("ru", D(2012, 6, 1), Precision.MONTH, "июнь 2012 г."),
        ("ru", D(2012, 1, 1), Precision.YEAR, "2012 г."),
        ("kk", D(2011, 12, 16), Precision.DAY, "2011 жылғы 16 желтоқсан"),
        ("kk", D(2012, 6, 1), Precision.MONTH, "2012 жылғы маусым"),
        ("kk", D(2012, 1, 1), Precision.YEAR, "2012 жыл"),
    ],
)
def test_date_reads_as_the_active_language_writes_it(language, value, precision, expected):
    with translation.override(language):
        assert display_date(value, precision) == expected


@pytest.mark.parametrize(("month", "russian", "russian_after_day", "kazakh"), MONTH_NAMES)
def test_every_month_is_named_as_each_language_names_it(month, russian, russian_after_day, kazakh):
    with translation.override("ru"):
        assert display_date(D(2011, month, 1), Precision.MONTH) == f"{russian} 2011 г."
        assert display_date(D(2011, month, 9), Precision.DAY) == f"9 {russian_after_day} 2011 г."
    with translation.override("kk"):
        assert display_date(D(2011, month, 1), Precision.MONTH) == f"2011 жылғы {kazakh}"
        assert display_date(D(2011, month, 9), Precision.DAY) == f"2011 жылғы 9 {kazakh}"


@pytest.mark.parametrize("language", ["de", "ar", None])
def test_other_languages_and_none_read_dates_in_english(language):
    with translation.override(language):
        assert display_date(D(2011, 12, 16), Precision.DAY) == "16 December 2011"
        assert display_span(D(2011, 5, 1), "month", D(2011, 12, 1), "month") == "May – December 2011"


def test_a_regional_variant_reads_as_its_language():
    with translation.override("ru-ru"):
        assert display_date(D(2011, 12, 16), Precision.DAY) == "16 декабря 2011 г."


def test_missing_date_reads_as_empty():
    assert display_date(None, Precision.DAY) == ""


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "expected"),
    [
        (D(2011, 5, 1), "month", D(2011, 12, 1), "month", "May – December 2011"),
        (D(2023, 12, 11), "day", D(2024, 2, 1), "month", "11 December 2023 – February 2024"),
        (D(2011, 7, 8), "day", D(2011, 7, 12), "day", "8 July – 12 July 2011"),
        (D(2009, 1, 1), "year", D(2009, 6, 1), "month", "2009 – June 2009"),
    ],
)
def test_span_reads_with_the_year_once_where_both_ends_share_it(start, start_precision, end, end_precision, expected):
    assert display_span(start, start_precision, end, end_precision) == expected


@pytest.mark.parametrize(
    ("language", "start", "start_precision", "end", "end_precision", "expected"),
    [
        # The shared year is written once: after the end in Russian, before the start in Kazakh.
        ("ru", D(2011, 5, 1), "month", D(2011, 12, 1), "month", "май – декабрь 2011 г."),
        ("ru", D(2011, 12, 16), "day", D(2011, 12, 17), "day", "16 декабря – 17 декабря 2011 г."),
        ("ru", D(2011, 5, 1), "month", D(2011, 12, 16), "day", "май – 16 декабря 2011 г."),
        ("ru", D(2023, 12, 11), "day", D(2024, 2, 1), "month", "11 декабря 2023 г. – февраль 2024 г."),
        ("ru", D(2009, 1, 1), "year", D(2009, 6, 1), "month", "2009 г. – июнь 2009 г."),
        ("ru", D(2009, 1, 1), "year", D(2012, 1, 1), "year", "2009 г. – 2012 г."),
        ("kk", D(2011, 5, 1), "month", D(2011, 12, 1), "month", "2011 жылғы мамыр – желтоқсан"),
        ("kk", D(2011, 12, 16), "day", D(2011, 12, 17), "day", "2011 жылғы 16 желтоқсан – 17 желтоқсан"),
        ("kk", D(2011, 5, 1), "month", D(2011, 12, 16), "day", "2011 жылғы мамыр – 16 желтоқсан"),
        ("kk", D(2023, 12, 11), "day", D(2024, 2, 1), "month", "2023 жылғы 11 желтоқсан – 2024 жылғы ақпан"),
        ("kk", D(2009, 1, 1), "year", D(2009, 6, 1), "month", "2009 жыл – 2009 жылғы маусым"),
        ("kk", D(2011, 5, 1), "month", D(2011, 1, 1), "year", "2011 жылғы мамыр – 2011 жыл"),
        ("kk", D(2009, 1, 1), "year", D(2012, 1, 1), "year", "2009 жыл – 2012 жыл"),
    ],
)
def test_span_reads_as_the_active_language_writes_it(language, start, start_precision, end, end_precision, expected):
    with translation.override(language):
        assert display_span(start, start_precision, end, end_precision) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "16 December 2011"), ("ru", "16 декабря 2011 г."), ("kk", "2011 жылғы 16 желтоқсан")],
)
def test_span_without_an_end_reads_as_its_start(language, expected):
    with translation.override(language):
        assert display_span(D(2011, 12, 16), "day") == expected


def test_kazakh_formats_are_django_format_settings():
    names = {name for name in vars(import_module("zhanaozen.formats.kk.formats")) if name.isupper()}
    assert names
    assert names <= FORMAT_SETTINGS


def test_django_uses_the_kazakh_formats():
    assert get_format("DATE_INPUT_FORMATS", lang="kk")[0] == "%d.%m.%Y"
    assert get_format("FIRST_DAY_OF_WEEK", lang="kk") == 1
    with translation.override("kk"):
        assert date_format(D(2011, 12, 16)) == "16.12.2011"
        assert date_format(D(2011, 12, 16), "MONTH_DAY_FORMAT") == "16.12"
        assert number_format(1234567.5, decimal_pos=1, force_grouping=True) == "1\xa0234\xa0567,5"


def test_an_editor_working_in_kazakh_types_dates_the_kazakh_way():
    field = forms.DateField()
    with translation.override("kk"):
        assert field.clean("16.12.2011") == D(2011, 12, 16)
        assert field.clean("2011-12-16") == D(2011, 12, 16)
        assert forms.DateInput().format_value(D(2011, 12, 16)) == "16.12.2011"


def test_russian_day_and_month_reads_in_the_genitive():
    # The admin's date hierarchy names days with MONTH_DAY_FORMAT; Django's own writes "16 Декабрь".
    with translation.override("ru"):
        assert date_format(D(2011, 12, 16), "MONTH_DAY_FORMAT") == "16 декабря"


def test_month_and_year_dates_must_start_their_period():
    assert is_truncated(D(2012, 6, 1), Precision.MONTH)
    assert not is_truncated(D(2012, 6, 2), Precision.MONTH)
    assert is_truncated(D(2009, 1, 1), Precision.YEAR)
    assert not is_truncated(D(2009, 2, 1), Precision.YEAR)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (D(2012, 2, 1), Precision.MONTH, D(2012, 2, 29)),
        (D(2011, 12, 1), Precision.MONTH, D(2011, 12, 31)),
        (D(2009, 1, 1), Precision.YEAR, D(2009, 12, 31)),
        (D(2011, 12, 16), Precision.DAY, D(2011, 12, 16)),
    ],
)
def test_period_end_is_the_last_day_the_date_may_mean(value, precision, expected):
    assert period_end(value, precision) == expected


def test_period_end_of_the_last_month_there_is():
    assert period_end(D(9999, 12, 1), Precision.MONTH) == D(9999, 12, 31)
