"""Review before publishing, in a browser: an editor submits, a publisher publishes from the queue; an
editor previews a draft at its address, where a visitor finds nothing."""

import pytest

from tests.conftest import PASSWORD
from tests.factories import EventFactory
from timeline.models import Event
from timeline.services import create_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if live_server.url in route.request.url else route.abort())
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def test_an_editor_submits_and_a_publisher_publishes_from_the_review_queue(signed_in_page, browser, live_server):
    event = EventFactory(slug="strike-begins", title="The strike begins", status="draft")
    editor = signed_in_page
    editor.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    assert editor.locator("#id_status option").all_inner_texts() == ["draft", "in review"]
    editor.select_option("#id_status", "review")
    editor.click("input[name=_save]")
    editor.wait_for_url(f"{live_server.url}/admin/timeline/event/")
    assert Event.objects.get(pk=event.pk).status == "review"

    create_editor(username="chief", email="chief@example.org", password=PASSWORD, publisher=True)
    context, publisher = signed_in(browser, live_server, "chief")
    try:
        publisher.goto(f"{live_server.url}/admin/timeline/event/review/")
        row = publisher.locator("#result_list tbody tr", has_text="The strike begins")
        assert row.locator("td.field-submitted_by").inner_text() == "editor"
        row.locator("input.action-select").check()
        publisher.select_option("select[name=action]", "publish_selected")
        publisher.click("button[name=index]")
        publisher.wait_for_load_state()
        assert "Published." in publisher.locator("ul.messagelist").inner_text()
        assert Event.objects.get(pk=event.pk).status == "published"
    finally:
        context.close()


def test_an_editor_previews_a_draft_that_a_visitor_cannot_find(signed_in_page, browser, live_server):
    EventFactory(slug="unreviewed", title="An unreviewed account", status="draft")
    editor = signed_in_page
    editor.goto(f"{live_server.url}/events/unreviewed/")
    assert "Not published." in editor.locator(".preview-banner").inner_text()
    assert editor.locator("h1, h2").first.is_visible()

    visitor = browser.new_context()
    try:
        response = visitor.new_page().goto(f"{live_server.url}/events/unreviewed/")
        assert response.status == 404
    finally:
        visitor.close()
