"""The explorer without JavaScript and a slideshow of the selection show, for each query string of the
browser's contract test, exactly the events the server's filters select; a bad value is a 400 page
that says what is wrong."""

import html
import re

import pytest
from django.conf import settings

from tests.browser.test_filter_contract import QUERIES, selection
from timeline.models import Event
from timeline.services import load_content
from tours.presentation import MAX_SLIDES

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li class="event-item[^"]*" id="event-[^"]+" data-slug="([^"]+)"( hidden)?')
SLIDE = re.compile(r'<li class="slide" id="slide-\d+" data-number="\d+" data-slug="([^"]+)"')


PAGES = re.compile(r'<nav class="years" id="list-pages".*?</nav>', re.S)


def listed(client, query: str) -> tuple[int, list[str], str]:
    """The explorer's status for ``query``, the events its pages list (every page of the list, which
    is paged without scripts: ``timeline.paging``), and its first page."""
    first = client.get(f"/?{query}")
    page = first.content.decode()
    links = PAGES.search(page)
    if not links:
        return first.status_code, [slug for slug, hidden in ITEM.findall(page) if not hidden], page
    slugs = []
    for href in re.findall(r'href="\?([^"]*)"', links.group(0)):
        other = client.get("/?" + html.unescape(href)).content.decode()
        slugs += [slug for slug, hidden in ITEM.findall(other) if not hidden]
    return first.status_code, slugs, page


def test_the_pages_the_server_renders_show_what_its_filters_select(client):
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    for query in QUERIES:
        slugs, valid, _active = selection(query)
        status, shown, page = listed(client, query)
        assert status == (200 if valid else 400), query
        assert shown == slugs, query
        assert ('class="filter-error"' in page) is not valid, query
        slideshow = client.get(f"/present/?{query}")
        assert slideshow.status_code == (200 if valid else 400), query
        assert SLIDE.findall(slideshow.content.decode()) == (slugs[:MAX_SLIDES] if valid else []), query


def test_the_pattern_finds_the_items_and_slides_it_looks_for(client):
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    assert len(listed(client, "")[1]) == Event.objects.published().count() == 77
    assert len(SLIDE.findall(client.get("/present/?importance=1").content.decode())) == 12
