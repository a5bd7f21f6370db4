"""The explorer's list without JavaScript, in pages: a year per page, a year with more events than
``PAGE_SIZE`` in parts of at most that many, so that no page holds thousands of events.

A page is named by its year (``2011``), a year's later parts by their number (``2011-2``). The
explorer opens on the front door's year (``OPENING_YEAR``) when it has matching events.
"""

import dataclasses
import datetime
import re

PAGE_SIZE = 300
OPENING_YEAR = 2011
PAGE = re.compile(r"([0-9]{4})(?:-([0-9]{1,4}))?")


@dataclasses.dataclass(frozen=True)
class Page:
    year: int
    part: int  # from 1
    parts: int  # how many parts the year has
    offset: int  # of its first event in the matching events
    count: int
    year_count: int  # events of the year

    @property
    def key(self) -> str:
        return page_key(self.year, self.part)

    @property
    def first(self) -> int:
        """The position of its first event in its year, from 1."""
        return (self.part - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        return self.first + self.count - 1


def page_key(year: int, part: int = 1) -> str:
    return str(year) if part == 1 else f"{year}-{part}"


def canonical_page(value: str) -> str:
    """``page`` in one form (``2011-1`` is ``2011``, ``2011-02`` is ``2011-2``), or "" when it names no page."""
    match = PAGE.fullmatch(value.strip())
    if not match:
        return ""
    part = int(match.group(2) or 1)
    return page_key(int(match.group(1)), part) if part >= 1 else ""


def pages_of(days: list[datetime.date]) -> list[Page]:
    """The pages of events starting on ``days`` (in the list's order: by start date)."""
    per_year: dict[int, int] = {}
    for day in days:
        per_year[day.year] = per_year.get(day.year, 0) + 1
    pages, offset = [], 0
    for year, count in per_year.items():
        parts = -(-count // PAGE_SIZE)
        for part in range(1, parts + 1):
            size = min(PAGE_SIZE, count - (part - 1) * PAGE_SIZE)
            pages.append(Page(year, part, parts, offset, size, count))
            offset += size
    return pages


def chosen_page(pages: list[Page], requested: str, position: int | None = None) -> Page | None:
    """The page asked for; else the one holding the event at ``position`` (the event the page opens
    at); else the opening year's first page; else the first. None when no event matches."""
    by_key = {page.key: page for page in pages}
    if requested in by_key:
        return by_key[requested]
    if position is not None:
        return next(page for page in pages if page.offset <= position < page.offset + page.count)
    return by_key.get(str(OPENING_YEAR)) or (pages[0] if pages else None)
