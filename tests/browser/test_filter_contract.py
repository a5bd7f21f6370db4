"""One filter contract: for the same query string, the explorer with JavaScript shows exactly the
events the server's filters select (``timeline/filters.py``), and the browser keeps every parameter
in the form it was given. (The explorer without JavaScript and the slideshows are rendered by the
server: tests/timeline/test_filter_contract.py runs the same queries through them.)"""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from django.utils import translation

from tests.browser.conftest import address
from tests.browser.test_explorer import shown_slugs
from timeline.filters import EventFilters, FilterError
from timeline.models import CHRONOLOGY, Event

pytestmark = [pytest.mark.browser, pytest.mark.reads_only]

VALID_QUERIES = [
    "actor=police",
    "importance=1",
    "category=context&importance=2",
    "from=2011",
    "to=2012",
    "from=2011-12-16",
    "from=2011-05&to=2011-12&category=strike,protest",
    "category=strike&category=protest",
    "q=Tuletayeva",
    "q=%D0%96%D0%B0%D0%BD%D0%B0%D0%BE%D0%B7%D0%B5%D0%BD",  # Жанаозен
    # Any case, script and spelling: folded alike on both sides (core/search.py, fold.js).
    "q=%D0%B6%D0%B0%D0%BD%D0%B0%D0%BE%D0%B7%D0%B5%D0%BD",  # жанаозен
    "q=Zhangaozen",
    "q=%D0%A2%D3%A9%D0%BB%D0%B5%D1%82%D0%B0%D0%B5%D0%B2%D0%B0",  # Төлетаева
    "place=zhanaozen&importance=2",
    "actor=police&from=2012",
    "q=zhanaozen&to=2011-12-16",
    "from=2011-12&from=",
    "place=nowhere",
    "importance=3&utm_source=newsletter",
    "place=%20zhanaozen&q=%20police%20",
    # Where sources disagree: a flag (timeline/filters.py's ``disputed``), with other filters.
    "disputed=1",
    "disputed=1&from=2012&importance=2",
    "disputed=",
]
# Bad values: the page says what is wrong (status 400) and no filter applies.
BAD_QUERIES = ["from=2011-02-30", "from=2012&to=2011", "importance=7", "from=%202011", "disputed=yes"]
QUERIES = VALID_QUERIES + BAD_QUERIES


def expected(query: str) -> tuple[list[str], bool]:
    """The events the server selects for ``query``, in the timeline's order, and whether it is valid."""
    return selection(query)[:2]


def selection(query: str) -> tuple[list[str], bool, bool]:
    """The server's selection for ``query``: the events, whether the query is valid, whether it filters."""
    events = Event.objects.published().order_by(*CHRONOLOGY)
    try:
        filters = EventFilters.from_query(QueryDict(query))
    except FilterError:
        return list(events.values_list("slug", flat=True)), False, False
    return list(filters.apply(events).values_list("slug", flat=True)), True, filters.active


def categories(pairs) -> set[str]:
    return {slug for name, value in pairs if name == "category" for slug in value.split(",")}


def count_numbers(page) -> list[int]:
    return [int(number) for number in re.findall(r"\d+", page.locator("#result-count").inner_text())]


@pytest.mark.parametrize("query", QUERIES)
def test_explorer_shows_what_the_server_selects(explorer, query):
    slugs, valid, active = selection(query)
    total = Event.objects.published().count()
    page = explorer(f"?{query}")
    assert shown_slugs(page) == slugs
    assert count_numbers(page) == ([len(slugs), total] if active else [total])
    # A bad value's page is a 400, which the browser reports; nothing else may go wrong.
    assert [error for error in page.console_errors if valid or "status of 400" not in error] == []


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("ru", "q=%D0%97%D0%90%D0%91%D0%90%D0%A1%D0%A2%D0%9E%D0%92%D0%9A"),  # ЗАБАСТОВК: in Russian titles
        ("ru", "q=Ozenmunaigaz"),  # a name in Latin letters, on the Russian page
        ("kk", "q=%D0%B5%D1%80%D0%B5%D1%83%D1%96%D0%BB"),  # ереуіл
        ("kk", "q=Tuletayeva&from=2012"),
    ],
)
def test_explorer_in_another_language_shows_what_the_server_selects_in_it(explorer, language, query):
    with translation.override(language):
        slugs, _valid, _active = selection(query)
    assert slugs
    page = explorer(f"{language}/?{query}")
    assert shown_slugs(page) == slugs
    assert page.console_errors == []


@pytest.mark.parametrize("query", VALID_QUERIES)
def test_a_change_to_another_filter_keeps_every_parameter_as_given(explorer, query):
    page = explorer(f"?{query}")
    given = [(name, value) for name, value in parse_qsl(query) if value]
    # Tick a category and untick it again: two changes to another filter.
    value = page.locator(".category-filter input:not(:checked)").first.get_attribute("value")
    chip = page.locator(f".category-filter input[value={value}]")
    chip.check()
    chip.uncheck()
    kept = parse_qsl(urlsplit(address(page)).query)
    # The boxes write the categories as one list, in the same meaning; everything else stays as given.
    assert categories(kept) == categories(given)
    assert sorted(pair for pair in kept if pair[0] != "category") == sorted(
        pair for pair in given if pair[0] != "category"
    )
    assert shown_slugs(page) == expected(query)[0]


@pytest.mark.parametrize(
    ("query", "note"),
    [("from=2011-12-16", "from 16 December 2011"), ("to=2012", "to 2012"), ("from=2011", "from 2011")],
)
def test_a_period_the_month_field_cannot_show_is_said_beside_it(explorer, query, note):
    page = explorer(f"?{query}")
    name = query.split("=")[0]
    assert page.locator(f"#filter-{name}-note").inner_text() == note
    assert page.locator(f"#filter-{name}").input_value() == ""
    page.fill(f"#filter-{name}", "2011-06")
    page.dispatch_event(f"#filter-{name}", "change")
    assert dict(parse_qsl(urlsplit(address(page)).query))[name] == "2011-06"
    assert page.locator(f"#filter-{name}-note").is_hidden()
