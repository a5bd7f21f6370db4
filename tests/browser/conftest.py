"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against live_server."""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings

# Sync Playwright runs an event loop in this thread; the ORM beside it in live_server tests is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium is needed for the browser tests and was not found at {CHROMIUM}. "
            "Install Debian's package: apt-get install chromium (make test does this), "
            "or set CHROMIUM=/path/to/chromium.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page that may reach the test server only: every other request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    own = urlsplit(live_server.url).netloc
    page.outside_requests = []
    page.console_errors = []

    def route(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            page.outside_requests.append(route.request.url)
            route.abort()

    def console(message):
        # Requests to other hosts are aborted on purpose (above); their failures are not errors.
        source = urlsplit(message.location.get("url", "")).netloc
        if message.type == "error" and source in {own, ""}:
            page.console_errors.append(message.text)

    # What the Content-Security-Policy refused, as the page's own event reports it.
    page.csp_violations = []
    page.expose_function("recordCSPViolation", lambda report: page.csp_violations.append(report))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => window.recordCSPViolation("
        "`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} on ${event.documentURI}`"
        " + (event.sample ? `: ${event.sample}` : '')));"
    )
    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


_snapshot = {}


@pytest.fixture
def content(transactional_db):
    """The project's content, in a database the live server sees. The first test loads the files
    (validated, as ``load_content`` does); later ones restore a snapshot of the result, which is
    several times faster, since every transactional test starts from an empty database."""
    from django.apps import apps
    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection

    from timeline.services import load_content

    models = [model for label in settings.CONTENT_APPS for model in apps.get_app_config(label).get_models()]
    if "json" not in _snapshot:
        report = load_content(directory=settings.CONTENT_FIXTURES_DIR)
        objects = [obj for model in models for obj in model._default_manager.order_by("pk")]
        _snapshot["json"] = serializers.serialize("json", objects)
        return report
    # Restored a model at a time, each in one insert (bulk_create: the model's own timestamps and
    # versions, and the notice that the content changed), and the many-to-many links after all the
    # rows: a save a row, with its signals, took 1.8 s a test here.
    by_model = {}
    for deserialized in serializers.deserialize("json", _snapshot["json"]):
        by_model.setdefault(type(deserialized.object), []).append(deserialized)
    for model, restored in by_model.items():
        model._default_manager.bulk_create([item.object for item in restored])
    for model, restored in by_model.items():
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue  # a through model of the project's own is in the snapshot as a model
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            links = [
                through(**{source: item.object.pk, target: pk})
                for item in restored
                for pk in (item.m2m_data or {}).get(field.name, ())
            ]
            through._default_manager.bulk_create(links)
    with connection.cursor() as cursor:  # PostgreSQL: sequences past the restored ids
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return None


@pytest.fixture
def explorer(page, live_server, content):
    """Open the explorer (with an optional query string) and wait until its scripts are ready."""

    def open_explorer(query="", viewport=None):
        if viewport:
            page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/{query}")
        page.wait_for_selector("#explorer[data-ready=true]")
        return page

    return open_explorer


@pytest.fixture
def signed_in_page(page, live_server, editor):
    from tests.conftest import PASSWORD

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page
