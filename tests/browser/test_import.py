"""Spreadsheets in the admin: the preview of an import, a file with a bad row, and a round trip."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import CategoryFactory, EventFactory, SourceFactory
from timeline.models import Event
from timeline.services import EDITORS_GROUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "slug,title_en,summary_en,start_date,date_precision,no_single_place,categories,importance,status,citations\r\n"


def upload(page, live_server, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.goto(f"{live_server.url}/admin/timeline/event/import/")
    page.set_input_files("input[name=import_file]", str(path))
    page.select_option("select[name=format]", label="csv")
    page.click("input[type=submit]")


@pytest.fixture
def basics(db):
    # An editor who is not a publisher (timeline.roles).
    Group.objects.get(name=EDITORS_GROUP).permissions.remove(Permission.objects.get(codename="publish_event"))
    CategoryFactory(slug="strike")
    SourceFactory(slug="a-report")


def test_a_good_file_is_previewed_then_imported_as_a_draft(signed_in_page, live_server, tmp_path, basics):
    page = signed_in_page
    row = "new-event,A new event,What happened.,2011-12-16,day,1,strike,2,published,a-report | Page 3.\r\n"
    upload(page, live_server, tmp_path, "events.csv", HEADER + row)

    assert "1 row to create, 0 to change, 0 unchanged" in " ".join(page.inner_text(".import-summary").split())
    assert not Event.objects.exists()  # nothing saved before the editor confirms
    page.click("input[name=confirm]")
    page.wait_for_url(f"{live_server.url}/admin/timeline/event/")
    event = Event.objects.get(slug="new-event")
    assert event.status == Event.Status.DRAFT  # an editor is not a publisher
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/history/")
    assert "Imported from events.csv" in page.inner_text("#content")
    assert page.csp_violations == [], page.csp_violations


def test_a_file_with_a_bad_row_shows_its_line_and_saves_nothing(signed_in_page, live_server, tmp_path, basics):
    page = signed_in_page
    good = "good,Good,Fine.,2011-12-16,day,1,strike,2,draft,\r\n"
    bad = "bad,Bad,Wrong date.,16.12.2011,day,1,strike,2,draft,\r\n"
    upload(page, live_server, tmp_path, "events.csv", HEADER + good + bad)

    errors = page.inner_text("table.import-errors")
    assert "3" in page.inner_text("table.import-errors tbody th")  # the header is line 1
    assert "“16.12.2011” is not a date" in errors
    assert page.locator("input[name=confirm]").count() == 0
    assert not Event.objects.exists()


def test_an_exported_file_imported_again_changes_nothing(signed_in_page, live_server, tmp_path, basics):
    page = signed_in_page
    for slug in ("first", "second"):
        EventFactory(slug=slug)
    page.goto(f"{live_server.url}/admin/timeline/event/export/")
    page.select_option("select[name=format]", label="xlsx")
    with page.expect_download() as download:
        page.click("input[type=submit]")
    path = tmp_path / "events.xlsx"
    download.value.save_as(path)

    page.goto(f"{live_server.url}/admin/timeline/event/import/")
    page.set_input_files("input[name=import_file]", str(path))
    page.select_option("select[name=format]", label="xlsx")
    page.click("input[type=submit]")

    assert "0 rows to create, 0 to change, 2 unchanged" in " ".join(page.inner_text(".import-summary").split())
    assert page.csp_violations == [], page.csp_violations
