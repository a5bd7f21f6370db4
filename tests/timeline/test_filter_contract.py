"""The explorer without JavaScript and a slideshow of the selection show, for each query string of the
browser's contract test, exactly the events the server's filters select; a bad value is a 400 page
that says what is wrong."""

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


def test_the_pages_the_server_renders_show_what_its_filters_select(client):
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    for query in QUERIES:
        slugs, valid, _active = selection(query)
        explorer = client.get(f"/?{query}")
        assert explorer.status_code == (200 if valid else 400), query
        page = explorer.content.decode()
        shown = [slug for slug, hidden in ITEM.findall(page) if not hidden]
        assert shown == slugs, query
        assert ('class="filter-error"' in page) is not valid, query
        slideshow = client.get(f"/present/?{query}")
        assert slideshow.status_code == (200 if valid else 400), query
        assert SLIDE.findall(slideshow.content.decode()) == (slugs[:MAX_SLIDES] if valid else []), query


def test_the_pattern_finds_the_items_and_slides_it_looks_for(client):
    load_content(directory=settings.CONTENT_FIXTURES_DIR)
    assert len(ITEM.findall(client.get("/").content.decode())) == Event.objects.published().count() == 76
    assert len(SLIDE.findall(client.get("/present/?importance=1").content.decode())) == 12
