"""Spreadsheets in and out of the admin (core.spreadsheets, timeline/resources.py, geo/resources.py)."""

from pathlib import Path

import pytest
import tablib
from django.conf import settings
from django.contrib.auth.models import Permission
from import_export.formats.base_formats import CSV, XLSX
from reversion.models import Revision, Version

from core.text import escape_formula, unescape_formula
from geo.models import Place
from geo.resources import PlaceResource
from tests.factories import ActorFactory, CategoryFactory, EventFactory, PlaceFactory, SourceFactory, UserFactory
from timeline.models import Actor, Citation, Event, Source
from timeline.resources import ActorResource, EventResource, SourceResource
from timeline.services import load_content

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "fixtures"
RESOURCES = [EventResource, PlaceResource, SourceResource, ActorResource]


@pytest.fixture
def publisher(db):
    user = UserFactory(username="publisher", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_event"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def editor_user(db):
    return UserFactory(username="writer", is_staff=True)


def through(file_format, dataset):
    """The dataset as a file of that format would give it back (what an editor downloads and uploads)."""
    return file_format.create_dataset(file_format.export_data(dataset))


def import_rows(resource_class, dataset, *, user, dry_run=False, file_name="events.csv"):
    return resource_class().import_data(dataset, dry_run=dry_run, user=user, file_name=file_name)


def event_dataset(**cells):
    """One row of an event, with the columns an editor would fill in."""
    row = {
        "slug": "new-event",
        "title_en": "A new event",
        "summary_en": "What happened.",
        "start_date": "2011-12-16",
        "date_precision": "day",
        "no_single_place": "1",
        "categories": "strike",
        "importance": "2",
        "status": "draft",
        "citations": "a-report | Page 3.",
        **cells,
    }
    return tablib.Dataset(list(row.values()), headers=list(row))


@pytest.fixture
def basics():
    CategoryFactory(slug="strike")
    SourceFactory(slug="a-report")


@pytest.mark.parametrize("file_format", [CSV(), XLSX()], ids=["csv", "xlsx"])
def test_export_then_import_of_the_real_content_changes_nothing(file_format, publisher):
    load_content(directory=CONTENT)
    revisions, stamps = Revision.objects.count(), {}
    for resource_class in RESOURCES:
        model = resource_class._meta.model
        stamps[model] = dict(model.objects.values_list("pk", "updated"))
        dataset = through(file_format, resource_class().export())
        result = import_rows(resource_class, dataset, user=publisher)
        assert not result.has_errors()
        assert not result.has_validation_errors(), result.invalid_rows
        assert result.totals["skip"] == model.objects.count() > 0, (model, result.totals)
        assert result.totals["new"] == result.totals["update"] == 0
    assert Revision.objects.count() == revisions
    for model, updated in stamps.items():
        assert dict(model.objects.values_list("pk", "updated")) == updated


def test_an_import_is_one_revision_named_after_its_file(basics, publisher):
    event = EventFactory(slug="old", title="Old title")
    Citation.objects.create(event=event, source=Source.objects.get(slug="a-report"), locator="p. 1")
    dataset = EventResource().export()
    (old,) = [list(row) for row in dataset]
    old[dataset.headers.index("title_en")] = "New title"
    new = dict(zip(event_dataset().headers, event_dataset()[0], strict=True))
    changed = tablib.Dataset(old, [new.get(header, "") for header in dataset.headers], headers=dataset.headers)
    before = Revision.objects.count()

    result = import_rows(EventResource, changed, user=publisher, file_name="events.xlsx")

    assert (result.totals["update"], result.totals["new"]) == (1, 1)
    assert Revision.objects.count() == before + 1
    revision = Revision.objects.latest("pk")
    assert revision.comment == "Imported from events.xlsx"
    assert revision.user == publisher
    versioned = {version.object_repr for version in revision.version_set.all()}
    assert any("New title" in name for name in versioned)
    assert any("A new event" in name for name in versioned)
    assert Event.objects.get(slug="new-event").citations.get().locator == "Page 3."


def test_a_preview_saves_nothing_and_records_no_revision(basics, publisher):
    before = Revision.objects.count(), Version.objects.count()

    result = import_rows(EventResource, event_dataset(), user=publisher, dry_run=True)

    assert result.totals["new"] == 1
    assert not Event.objects.filter(slug="new-event").exists()
    assert (Revision.objects.count(), Version.objects.count()) == before


def test_a_file_with_one_bad_row_saves_nothing_and_says_which_line_and_why(basics, publisher):
    good = event_dataset()
    bad = event_dataset(slug="bad", start_date="16/12/2011", categories="strike, no-such-category")
    dataset = tablib.Dataset(good[0], bad[0], headers=good.headers)

    result = import_rows(EventResource, dataset, user=publisher)

    assert result.has_validation_errors()
    assert not Event.objects.exists()
    (invalid,) = result.invalid_rows
    assert invalid.number == 2  # the second row: line 3 of the file, under the header
    errors = invalid.field_specific_errors
    assert "is not a date: write it as year-month-day" in errors["start_date"][0]
    assert "no-such-category" in errors["categories"][0]


def test_a_published_event_without_a_citation_is_refused(basics, publisher):
    result = import_rows(EventResource, event_dataset(status="published", citations=""), user=publisher)

    (invalid,) = result.invalid_rows
    assert "needs at least one source" in invalid.field_specific_errors["citations"][0]
    assert not Event.objects.exists()


def test_a_publisher_publishes_by_import(basics, publisher):
    import_rows(EventResource, event_dataset(status="published"), user=publisher)

    assert Event.objects.get(slug="new-event").status == Event.Status.PUBLISHED


def test_an_editor_s_imported_events_arrive_as_drafts(basics, editor_user):
    result = import_rows(EventResource, event_dataset(status="published"), user=editor_user)

    assert not result.has_validation_errors()
    assert Event.objects.get(slug="new-event").status == Event.Status.DRAFT


def test_an_editor_cannot_change_a_published_event_by_import(basics, editor_user):
    event = EventFactory(slug="new-event", status=Event.Status.PUBLISHED)
    Citation.objects.create(event=event, source=Source.objects.get(slug="a-report"), locator="Page 3.")

    result = import_rows(EventResource, event_dataset(status="draft"), user=editor_user)

    (invalid,) = result.invalid_rows
    assert "only a publisher may change or unpublish it" in invalid.non_field_specific_errors[0]
    assert Event.objects.get(slug="new-event").status == Event.Status.PUBLISHED


def test_a_text_naming_a_withheld_person_is_refused_in_an_event_going_public(basics, publisher):
    ActorFactory(name="Ivan Witness", withhold_name=True, public_description_en="a witness")

    result = import_rows(
        EventResource, event_dataset(status="review", summary_en="Ivan Witness testified."), user=publisher
    )

    (invalid,) = result.invalid_rows
    assert "whose name is withheld" in invalid.field_specific_errors["summary_en"][0]
    assert not Event.objects.exists()


def test_a_row_changed_by_someone_else_since_the_export_is_refused(basics, publisher):
    event = EventFactory(slug="new-event", title="As exported")
    dataset = EventResource().export()
    Event.objects.filter(pk=event.pk).update(title="Someone else's title")
    rows = [list(row) for row in dataset]
    rows[0][dataset.headers.index("title_en")] = "Mine"

    result = import_rows(EventResource, tablib.Dataset(*rows, headers=dataset.headers), user=publisher)

    (invalid,) = result.invalid_rows
    assert "Changed by someone else" in invalid.non_field_specific_errors[0]
    assert Event.objects.get().title == "Someone else's title"


def test_formulas_are_exported_as_text_and_come_back_as_they_were(publisher):
    place = PlaceFactory(slug="square", name="=HYPERLINK(1)", alt_names="-minus, +plus")
    dataset = PlaceResource().export()
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["name_en"] == "'=HYPERLINK(1)"
    assert row["alt_names"] == "'-minus, +plus"

    result = import_rows(PlaceResource, through(XLSX(), dataset), user=publisher)

    assert result.totals["skip"] == 1
    place.refresh_from_db()
    assert place.name == "=HYPERLINK(1)"


@pytest.mark.parametrize("text", ["=1", "'=1", "''+x", "plain", "'plain", "-"])
def test_formula_escaping_round_trips(text):
    assert unescape_formula(escape_formula(text)) == text
    assert not str(escape_formula(text)).startswith(("=", "+", "-", "@"))


def test_an_actor_withheld_without_a_public_description_is_refused(publisher):
    dataset = tablib.Dataset(
        ["person-x", "Person X", "person", "1"], headers=["slug", "name_en", "kind", "withhold_name"]
    )

    result = import_rows(ActorResource, dataset, user=publisher)

    (invalid,) = result.invalid_rows
    assert "public description" in str(invalid.error_dict)
    assert not Actor.objects.exists()


def test_places_come_with_their_coordinates(publisher):
    dataset = tablib.Dataset(
        ["aktau", "Aktau", "city", "51.2", "43.65"], headers=["slug", "name_en", "kind", "longitude", "latitude"]
    )

    import_rows(PlaceResource, dataset, user=publisher)

    place = Place.objects.get(slug="aktau")
    assert (place.geom.x, place.geom.y) == (51.2, 43.65)


def test_the_templates_have_every_column_and_a_draft_example_row(basics):
    for resource_class in RESOURCES:
        resource = resource_class()
        dataset = resource.template_dataset()
        assert dataset.headers == resource.export().headers
        assert "Example" in " ".join(str(cell) for cell in dataset[0])
    template = EventResource().template_dataset()
    example = dict(zip(template.headers, template[0], strict=True))
    assert example["status"] == "draft"


def test_a_column_the_import_does_not_know_is_refused_by_name_and_nothing_is_written(publisher):
    """An export made before a source's note had translations has a ``note`` column (now ``note_en``):
    its cells were left out without a word. The file is refused, the column named."""
    source = SourceFactory(slug="a-report", title="A report", publisher="Somebody")
    source.note_en = "The team's note."
    source.save()
    dataset = SourceResource().export(queryset=Source.objects.all())
    headers = ["note" if header == "note_en" else header for header in dataset.headers]
    old = tablib.Dataset(*[list(row) for row in dataset], headers=headers)
    old[0] = [("A new note." if header == "note" else value) for header, value in zip(headers, old[0], strict=True)]
    result = import_rows(SourceResource, old, user=publisher, file_name="sources.csv")
    assert result.has_errors()
    message = str(result.base_errors[0].error)
    assert message.startswith("This file has a column this import does not know: “note”. Nothing was imported.")
    assert "note_en" in message
    assert Source.objects.get().note_en == "The team's note."
    # A blank heading (an empty column at a sheet's edge) is not a column.
    edged = tablib.Dataset(*[[*row, ""] for row in dataset], headers=[*dataset.headers, ""])
    assert not import_rows(SourceResource, edged, user=publisher, file_name="sources.csv").has_errors()


def test_an_imported_citation_that_now_quotes_its_source_loses_the_translations_of_its_summary(basics, publisher):
    """A summary (translated) replaced by a quotation in the file: the quotation is saved, its source's
    words, and the summary's translations, which no longer say what the passage says, are dropped."""
    import_rows(
        EventResource,
        event_dataset(citations="a-report | As summarised in the project's source notes: X."),
        user=publisher,
    )
    citation = Citation.objects.get()
    citation.locator_ru = "Х."
    citation.save()
    result = import_rows(EventResource, event_dataset(citations="a-report | “The words.”"), user=publisher)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    citation.refresh_from_db()
    assert (citation.locator_en, citation.locator_ru) == ("“The words.”", "")
