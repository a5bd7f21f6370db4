import datetime

import pytest

from timeline.dates import Precision, display_date, display_span, is_truncated, period_end

D = datetime.date


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
