"""Kazakh formats, which Django does not have (it falls back to American English: "Жел. 16, 2011").

What visitors read is written by core.dates_i18n ("2011 жылғы 16 желтоқсан"); these serve the admin
and the date widgets. The dates are numeric ("16.12.2011", as Kazakhstan's documents write them):
Django's Kazakh month names are capitalised ("Желтоқсан") and a format string cannot lower them.
"""

# The *_FORMAT strings use the Django date format syntax,
# see https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date
DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = "m.Y"
MONTH_DAY_FORMAT = "d.m"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The *_INPUT_FORMATS strings use the Python strftime format syntax; Django accepts ISO dates too,
# see https://docs.python.org/library/datetime.html#strftime-strptime-behavior
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '16.12.2011'
    "%d.%m.%y",  # '16.12.11'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",  # '16.12.2011 14:30:59'
    "%d.%m.%Y %H:%M:%S.%f",  # '16.12.2011 14:30:59.000200'
    "%d.%m.%Y %H:%M",  # '16.12.2011 14:30'
    "%d.%m.%y %H:%M:%S",  # '16.12.11 14:30:59'
    "%d.%m.%y %H:%M:%S.%f",  # '16.12.11 14:30:59.000200'
    "%d.%m.%y %H:%M",  # '16.12.11 14:30'
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
