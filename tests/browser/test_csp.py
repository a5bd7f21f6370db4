"""The Content-Security-Policy refuses nothing that the admin and the API's docs need: every page type
opens, its scripts run (the maps draw, the docs list their operations), and no violation is reported."""

import pytest

from tests.factories import EventFactory, PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def refusals(page):
    return page.csp_violations + [message for message in page.console_errors if "Content Security Policy" in message]


def test_the_admins_pages_run_under_the_content_security_policy(page, live_server, editor):
    from tests.conftest import PASSWORD

    event = EventFactory(place=PlaceFactory(slug="zhanaozen", name="Zhanaozen"))
    admin = f"{live_server.url}/admin"

    page.goto(f"{admin}/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{admin}/")
    assert page.get_by_role("link", name="Events").count()

    page.goto(f"{admin}/timeline/event/")
    page.wait_for_selector("#result_list")
    page.goto(f"{admin}/timeline/event/add/")
    page.wait_for_selector("#citations-group")
    page.goto(f"{admin}/timeline/event/{event.pk}/change/")
    page.wait_for_selector("#citations-0")
    page.click("input[name=_continue]")  # saved: a version for the history
    page.wait_for_selector(".messagelist .success")
    page.goto(f"{admin}/timeline/event/{event.pk}/history/")
    page.click("#change-history a")  # the version, as django-reversion shows it
    page.wait_for_selector("#citations-0")

    page.goto(f"{admin}/geo/place/{event.place.pk}/change/")
    page.wait_for_selector("#id_geom-map .leaflet-marker-icon")  # the widget ran its (nonced) script
    page.goto(f"{admin}/tours/tour/add/")
    page.wait_for_selector(".inline-group")

    assert refusals(page) == []
    assert page.console_errors == []


def test_the_api_docs_run_under_the_content_security_policy(page, live_server):
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-tag-section")
    assert page.locator(".opblock").count() > 0  # the operations, read from the schema
    assert refusals(page) == []
    assert page.console_errors == []


def test_the_explorers_own_styles_apply_and_still_do_when_its_page_comes_back_as_a_304(browser, live_server, content):
    """The explorer's style sheets are in its page, allowed by their hashes (core/styles.py): they
    apply, nothing is refused, and a reload, whose page the browser keeps and revalidates (a 304,
    whose policy the browser then applies to it), is as styled. In a context of its own: the
    ``page`` fixture routes every request, which turns the browser's cache off."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(
            "window.refused = []; document.addEventListener('securitypolicyviolation', "
            "(event) => window.refused.push(`${event.effectiveDirective}: ${event.sample}`));"
        )
        styled = """() => getComputedStyle(document.querySelector('.explorer-main')).display === 'grid'
            && getComputedStyle(document.querySelector('#map')).position === 'absolute'
            && getComputedStyle(document.querySelector('.leaflet-pane')).position === 'absolute'"""
        sent = "() => performance.getEntriesByType('navigation')[0].transferSize"
        page.goto(f"{live_server.url}/")
        page.wait_for_selector("#explorer[data-ready=true]")
        assert page.evaluate(styled)
        chip = "document.querySelector('.chip[data-category]')"
        colour = page.evaluate(f"() => getComputedStyle({chip}).getPropertyValue('--category-color')")
        assert colour.strip().startswith("#")  # the categories' colours, in the page too
        assert page.evaluate(sent) > 5000  # the page itself
        page.reload()
        page.wait_for_selector("#explorer[data-ready=true]")
        assert 0 < page.evaluate(sent) < 2000  # a 304: its headers, the page from the browser's cache
        assert page.evaluate(styled)
        assert page.evaluate("window.refused") == []
    finally:
        context.close()
