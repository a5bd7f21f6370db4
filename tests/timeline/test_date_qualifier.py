"""Dates that are inferred or only bounded say so wherever a date is shown (issue 14)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import EventFactory, SourceFactory
from timeline.dates import Precision, Qualifier, display_date, display_span
from timeline.models import Citation

D = datetime.date


@pytest.mark.parametrize(
    ("value", "precision", "qualifier", "expected"),
    [
        (D(2011, 5, 1), Precision.MONTH, Qualifier.EXACT, "May 2011"),
        (D(2011, 5, 1), Precision.MONTH, Qualifier.APPROXIMATE, "about May 2011"),
        (D(2011, 6, 1), Precision.MONTH, Qualifier.BEFORE, "by the end of June 2011"),
        (D(2012, 1, 1), Precision.YEAR, Qualifier.BEFORE, "by the end of 2012"),
        (D(2024, 2, 27), Precision.DAY, Qualifier.BEFORE, "by 27 February 2024"),
        (D(2011, 12, 16), Precision.DAY, Qualifier.AFTER, "16 December 2011 or later"),
        (D(2012, 1, 1), Precision.YEAR, Qualifier.APPROXIMATE, "about 2012"),
    ],
)
def test_a_qualified_date_says_how_sure_it_is(value, precision, qualifier, expected):
    assert display_date(value, precision, qualifier) == expected


def test_a_span_with_a_qualified_end_writes_both_years():
    span = display_span(D(2023, 12, 11), Precision.DAY, D(2024, 2, 27), Precision.DAY, end_qualifier=Qualifier.AFTER)
    assert span == "11 December 2023 – 27 February 2024 or later"
    approximate = display_span(
        D(2011, 5, 1), Precision.MONTH, D(2011, 12, 16), Precision.DAY, start_qualifier=Qualifier.APPROXIMATE
    )
    # Not "about May – 16 December 2011": the qualifier reads with its own year.
    assert approximate == "about May 2011 – 16 December 2011"
    assert display_span(D(2011, 5, 1), Precision.MONTH, D(2011, 12, 16), Precision.DAY) == "May – 16 December 2011"


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_qualified_date_keeps_the_languages_own_date(language):
    with translation.override(language):
        plain = display_date(D(2011, 5, 1), Precision.MONTH)
        qualified = display_date(D(2011, 5, 1), Precision.MONTH, Qualifier.APPROXIMATE)
    assert plain in qualified
    assert qualified != plain


@pytest.mark.django_db
def test_the_events_date_display_carries_its_qualifiers():
    event = EventFactory(start_date=D(2011, 5, 1), date_precision="month", date_qualifier="approximate", end_date=None)
    assert event.date_display == "about May 2011"
    assert str(event).startswith("about May 2011: ")


@pytest.mark.django_db
def test_an_unknown_qualifier_is_refused():
    event = EventFactory.build(date_qualifier="perhaps")
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["place", "categories"])
    assert "date_qualifier" in error.value.message_dict


@pytest.mark.django_db
def test_the_qualifier_reaches_the_event_page_and_the_explorer_list(client):
    event = EventFactory(slug="hunger", start_date=D(2011, 5, 1), date_precision="month", date_qualifier="approximate")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "about May 2011" in page
    explorer = client.get("/").content.decode()
    assert "about May 2011" in explorer


@pytest.mark.django_db
def test_the_api_gives_the_qualifiers_and_the_qualified_display(client):
    EventFactory(
        slug="wos",
        start_date=D(2023, 12, 11),
        end_date=D(2024, 2, 27),
        end_qualifier="after",
    )
    EventFactory(slug="plain", start_date=D(2011, 12, 16))
    by_slug = {item["slug"]: item for item in client.get("/api/events/").json()["results"]}
    assert by_slug["wos"]["date_qualifier"] == "exact"
    assert by_slug["wos"]["end_qualifier"] == "after"
    assert by_slug["wos"]["date_display"] == "11 December 2023 – 27 February 2024 or later"
    assert by_slug["plain"]["end_qualifier"] is None
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "date_qualifier" in schema
    assert "end_qualifier" in schema


@pytest.mark.django_db
def test_the_admin_edits_the_qualifiers(editor_client):
    event = EventFactory()
    html = editor_client.get(reverse("admin:timeline_event_change", args=[event.pk])).content.decode()
    assert 'name="date_qualifier"' in html
    assert 'name="end_qualifier"' in html


@pytest.mark.django_db
def test_a_summary_of_a_source_is_shown_as_a_summary_not_a_quotation(client):
    event = EventFactory(slug="summarised")
    event.citations.all().delete()
    Citation.objects.create(
        event=event,
        source=SourceFactory(),
        locator="As summarised in the project's source notes: the office was set on fire.",
    )
    Citation.objects.create(event=event, source=SourceFactory(), locator="“A quoted passage.”")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Summarised from this source, in the project's own words:" in page
    assert "in the project's own words:</span> the office was set on fire.</p>" in page
    assert "<blockquote" in page
    assert "“A quoted passage.”</blockquote>" in page
    assert "As summarised in the project" not in page
