"""Where Django's Russian formats need correcting; Django's own module gives the rest.

Its MONTH_DAY_FORMAT "j F" writes the month in the nominative, capitalised ("16 Декабрь", as in the
admin's date hierarchy); after a day's number Russian uses the genitive, which is Django's "E".
"""

MONTH_DAY_FORMAT = "j E"  # 16 декабря
