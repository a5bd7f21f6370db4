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
def browser(live_server):
    # After the live server (so closed before it): the browser's kept-alive connections end, and the
    # server's threads close their database connections, before the test database is dropped.
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


def address(page):
    """The page's address, read in the page: Playwright's ``page.url`` follows a ``pushState`` or a
    change of the fragment by a message of its own, which can come after the click or the key that
    made it has returned."""
    return page.evaluate("location.href")


def wait_for_outline(page, map_selector, timeout=8000):
    """Wait until the map ``map_selector`` has drawn the offline outline's picture (geo/outline.js): its
    image in the map's basemap pane, loaded and with a size. Returns its box on the page."""
    image = page.locator(f"{map_selector} .leaflet-basemap-pane img.basemap-outline")
    image.wait_for(state="attached", timeout=timeout)
    loaded = "(img) => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0"
    for _ in range(timeout // 50):
        if image.evaluate(loaded):
            return image.bounding_box()
        page.wait_for_timeout(50)
    raise AssertionError(f"the outline of {map_selector} did not load within {timeout} ms")


_snapshot = {}


def _restore_content():
    """The project's content, written to the database (committed: the live server sees it). The first
    time loads the files (validated, as ``load_content`` does, and returns its report); later ones
    restore a snapshot of the result, which is several times faster."""
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


def _database_state():
    """What every table holds, in brief: its number of rows and, for content, when a row last changed."""
    from django.apps import apps
    from django.db.models import Max

    state = []
    for model in apps.get_models(include_auto_created=True):
        rows = model._base_manager.all()
        latest = rows.aggregate(latest=Max("updated"))["latest"] if hasattr(model, "updated") else None
        state.append((model._meta.db_table, rows.count(), latest))
    return state


def _empty_database():
    """As a transactional test's end empties it (pytest-django's: the ids go on from where they were)."""
    from django.core.management import call_command

    call_command("flush", verbosity=0, interactive=False, database="default", reset_sequences=False)


@pytest.fixture(scope="module")
def shared_content(django_db_setup, django_db_blocker):
    """The content, written once for a module marked ``reads_only`` and emptied after its last test,
    as a transactional test's end empties the database: restoring it for each test, and emptying it
    after, was about two seconds a test on PostGIS."""
    with django_db_blocker.unblock():
        report = _restore_content()
        yield report
        _empty_database()


@pytest.fixture
def read_content(shared_content, django_db_blocker):
    """The module's shared content, for a test that must leave the database as it found it: one that
    writes fails, and belongs in a module without the ``reads_only`` mark."""
    with django_db_blocker.unblock():
        before = _database_state()
        yield shared_content
        if _database_state() != before:
            # Written anew for the module's next tests, which would otherwise find what this one wrote.
            _empty_database()
            _restore_content()
            pytest.fail(
                "This test wrote to the database, which the other tests of its module share: "
                "move it to a module without the reads_only mark."
            )


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's own (pytest_django/fixtures.py, of the version requirements.txt pins), which makes
    every test that uses the live server transactional, and so empties the database after it: here,
    a test of a ``reads_only`` module is left out, so that the content its module shares stays."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if not request.node.get_closest_marker("reads_only"):
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture
def content(request):
    """The project's content, in a database the live server sees: its own for each test (every
    transactional test starts from an empty database), or, in a module marked ``reads_only``, one
    its tests share and leave as they found it."""
    if request.node.get_closest_marker("reads_only"):
        return request.getfixturevalue("read_content")
    request.getfixturevalue("transactional_db")
    return _restore_content()


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
