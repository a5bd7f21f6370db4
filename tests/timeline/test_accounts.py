"""Competing accounts: where sources disagree, what each says, as data set side by side."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from reversion.models import Version

from tests.factories import EventFactory, SourceFactory
from tests.forms import form_data
from timeline.models import Account, Citation, Event, disagreements

pytestmark = pytest.mark.django_db

TOPIC = "Deaths on 16 December 2011"


@pytest.fixture
def massacre():
    event = EventFactory(slug="massacre", title="Police fire on the crowd", cited=False)
    for slug, publisher in [("reuters", "Reuters"), ("levy", "People & Nature"), ("iuf", "IUF")]:
        source = SourceFactory(slug=slug, publisher=publisher, title=f"{publisher}'s report")
        Citation.objects.create(event=event, source=source, locator="“A passage.”")
    return event


def account(event, source_slug, claim, **fields):
    return Account.objects.create(
        event=event,
        source=Citation.objects.get(event=event, source__slug=source_slug).source,
        topic=fields.pop("topic", TOPIC),
        claim=claim,
        locator=fields.pop("locator", "“A passage.”"),
        **fields,
    )


@pytest.fixture
def toll(massacre):
    return [
        account(
            massacre, "reuters", "at least 15 killed", according_to="the official toll", note="They differ.", order=1
        ),
        account(massacre, "levy", "16 killed, 64 wounded", according_to="the Akimat", order=2),
        account(massacre, "iuf", "at least 16 killed, hundreds wounded", order=3),
    ]


# --- The model --------------------------------------------------------------------------------


def test_a_source_gives_one_account_of_a_claim_per_question(toll, massacre):
    with pytest.raises(IntegrityError), transaction.atomic():
        account(massacre, "reuters", "at least 15 killed")
    # The same source may say two things about one question (Levy: "months", then "weeks").
    assert account(massacre, "reuters", "at least 16 killed").pk


def test_a_disagreement_has_one_note(toll, massacre):
    with pytest.raises(IntegrityError), transaction.atomic():
        account(massacre, "iuf", "17 dead", note="A second note.")
    assert account(massacre, "iuf", "17 dead", topic="The trial's month", note="Another question's note.").pk


def test_an_account_needs_its_topic_claim_and_passage(massacre):
    for empty in ("topic", "claim", "locator"):
        fields = {"topic": TOPIC, "claim": "16 killed", "locator": "“A passage.”", empty: ""}
        source = Citation.objects.filter(event=massacre).first().source
        with pytest.raises(IntegrityError), transaction.atomic():
            Account.objects.create(event=massacre, source=source, **fields)
        with pytest.raises(ValidationError) as error:
            Account(event=massacre, source=source, **fields).full_clean()
        assert empty in error.value.message_dict


def test_the_accounts_of_an_event_are_grouped_by_question_in_order(toll, massacre):
    trial = account(massacre, "levy", "June 2012", topic="The trial's month", order=0)
    groups = Event.objects.get(pk=massacre.pk).accounts.all()
    assert disagreements(groups) == [[trial], toll]


def test_a_translated_question_stays_one_table(toll, massacre):
    with translation.override("ru"):
        toll[0].topic = "Погибшие 16 декабря 2011 года"
        toll[0].save()
        assert len(disagreements(massacre.accounts.all())) == 1


def test_disputed_events_are_those_with_accounts(toll, massacre):
    other = EventFactory()
    assert list(Event.objects.disputed()) == [massacre]
    flags = dict(Event.objects.with_disputed().values_list("slug", "is_disputed"))
    assert flags == {massacre.slug: True, other.slug: False}


# --- The admin --------------------------------------------------------------------------------

ACCOUNT_FIELDS = ("topic_en", "source", "according_to_en", "claim_en", "locator_en", "note_en", "order")


def change_form(client, event, **accounts) -> dict:
    """The event's change form as the browser would post it, with ``accounts`` (index → fields) filled in."""
    page = client.get(f"/admin/timeline/event/{event.pk}/change/")
    assert page.status_code == 200
    data = form_data(page.content.decode())
    total = int(data["accounts-TOTAL_FORMS"][0])
    for index, fields in accounts.items():
        index = int(index.removeprefix("new"))
        total = max(total, index + 1)
        for name, value in fields.items():
            data[f"accounts-{index}-{name}"] = [str(value)]
    data["accounts-TOTAL_FORMS"] = [str(total)]
    return data


def test_an_editor_adds_accounts_inline_on_the_event(editor_client, massacre):
    reuters, levy = (Citation.objects.get(event=massacre, source__slug=slug).source for slug in ("reuters", "levy"))
    data = change_form(
        editor_client,
        massacre,
        new0={
            "topic_en": TOPIC,
            "source": reuters.pk,
            "claim_en": "at least 15 killed",
            "locator_en": "notes",
            "order": 1,
        },
        new1={
            "topic_en": TOPIC,
            "source": levy.pk,
            "according_to_en": "the Akimat",
            "claim_en": "16 killed",
            "locator_en": "“told journalists”",
            "note_en": "The figures differ.",
            "order": 2,
        },
    )
    response = editor_client.post(f"/admin/timeline/event/{massacre.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert list(massacre.accounts.values_list("source__slug", "claim_en", "note_en")) == [
        ("reuters", "at least 15 killed", ""),
        ("levy", "16 killed", "The figures differ."),
    ]
    # The event's revision holds its accounts, as it holds its citations.
    version = Version.objects.get_for_object(massacre).first()
    held = {(v.content_type.model, v.object_id) for v in version.revision.version_set.all()}
    assert {("account", str(pk)) for pk in massacre.accounts.values_list("pk", flat=True)} <= held


def test_the_change_form_sets_an_accounts_languages_side_by_side(editor_client, toll, massacre):
    page = editor_client.get(f"/admin/timeline/event/{massacre.pk}/change/").content.decode()
    assert 'name="accounts-0-claim_ru"' in page
    row = re.search(r'<div class="form-row field-claim_en field-claim_ru field-claim_kk', page)
    assert row, "the claim's three languages on one row"


def test_an_editor_edits_an_account(editor_client, toll, massacre):
    data = change_form(editor_client, massacre, **{"0": {"claim_en": "at least 15 dead"}})
    response = editor_client.post(f"/admin/timeline/event/{massacre.pk}/change/", data)
    assert response.status_code == 302
    toll[0].refresh_from_db()
    assert toll[0].claim_en == "at least 15 dead"


def test_an_account_whose_source_the_event_does_not_cite_is_refused(editor_client, massacre):
    stranger = SourceFactory(slug="stranger")
    data = change_form(
        editor_client,
        massacre,
        new0={"topic_en": TOPIC, "source": stranger.pk, "claim_en": "17 dead", "locator_en": "p. 1", "order": 0},
    )
    response = editor_client.post(f"/admin/timeline/event/{massacre.pk}/change/", data)
    assert response.status_code == 200
    assert "The event does not cite this source" in html.unescape(response.content.decode())
    assert not Account.objects.exists()


def test_a_source_cited_in_the_same_save_may_carry_an_account(editor_client, massacre):
    newcomer = SourceFactory(slug="newcomer")
    data = change_form(
        editor_client,
        massacre,
        new0={"topic_en": TOPIC, "source": newcomer.pk, "claim_en": "17 dead", "locator_en": "p. 1", "order": 0},
    )
    index = int(data["citations-TOTAL_FORMS"][0])
    data.update(
        {
            f"citations-{index}-source": [str(newcomer.pk)],
            f"citations-{index}-locator_en": ["“17 dead”"],
            "citations-TOTAL_FORMS": [str(index + 1)],
        }
    )
    response = editor_client.post(f"/admin/timeline/event/{massacre.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert massacre.accounts.get().source == newcomer


def test_deleting_the_citation_an_account_rests_on_is_refused(editor_client, toll, massacre):
    data = change_form(editor_client, massacre)
    index = next(i for i in range(3) if data[f"citations-{i}-source"] == [str(toll[2].source.pk)])
    data[f"citations-{index}-DELETE"] = ["on"]
    response = editor_client.post(f"/admin/timeline/event/{massacre.pk}/change/", data)
    assert response.status_code == 200
    assert "The event does not cite this source" in html.unescape(response.content.decode())
    assert massacre.citations.count() == 3


def test_two_notes_on_one_disagreement_are_refused_with_a_message_not_an_error(editor_client, massacre):
    reuters, levy = (Citation.objects.get(event=massacre, source__slug=slug).source for slug in ("reuters", "levy"))
    common = {"topic_en": TOPIC, "locator_en": "p. 1", "order": 0}
    data = change_form(
        editor_client,
        massacre,
        new0={**common, "source": reuters.pk, "claim_en": "15", "note_en": "One note."},
        new1={**common, "source": levy.pk, "claim_en": "16", "note_en": "Another."},
    )
    response = editor_client.post(f"/admin/timeline/event/{massacre.pk}/change/", data)
    assert response.status_code == 200
    assert "A disagreement has one note" in response.content.decode()
    assert not Account.objects.exists()


def test_the_event_list_filters_events_where_sources_disagree(editor_client, toll, massacre):
    calm = EventFactory(title="A calm day")
    disputed = editor_client.get("/admin/timeline/event/?disputed=1").content.decode()
    assert massacre.title in disputed
    assert calm.title not in disputed
    agreed = editor_client.get("/admin/timeline/event/?disputed=0").content.decode()
    assert calm.title in agreed
    assert massacre.title not in agreed


# --- The public pages -------------------------------------------------------------------------


def test_the_event_page_sets_the_accounts_side_by_side_in_a_table(client, toll, massacre):
    page = client.get("/events/massacre/").content.decode()
    tables = re.findall(r"<table>.*?</table>", page, re.S)
    assert len(tables) == 1
    table = tables[0]
    assert re.search(r"<caption>\s*<span class=\"accounts-topic\">Deaths on 16 December 2011</span>", table)
    assert "They differ." in table
    assert table.count('<th scope="col">') == 3
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table, re.S)
    assert len(rows) == 3
    assert 'href="/sources/#source-reuters"' in rows[0]
    assert "at least 15 killed" in rows[0]
    assert "citing the official toll" in rows[0]
    assert "16 killed, 64 wounded" in rows[1]
    assert "citing the Akimat" in rows[1]


def test_an_event_without_accounts_has_no_table(client, massacre):
    assert "<table" not in client.get("/events/massacre/").content.decode()


def test_the_event_page_reads_the_accounts_in_one_query(client, toll, massacre, django_assert_max_num_queries):
    for claim in ("17 dead", "18 dead", "19 dead"):
        account(massacre, "iuf", claim, topic="Another question")
    with django_assert_max_num_queries(20) as captured:
        client.get("/events/massacre/")
    # After the content's state (core.freshness), which looks at every table once.
    built = captured.captured_queries[1:]
    assert sum("timeline_account" in query["sql"] for query in built) == 1


ITEM = re.compile(r'<li class="event-item[^"]*" id="event-[^"]+" data-slug="([^"]+)"( hidden)?')


def test_the_explorer_without_javascript_lists_only_the_disputed_events_when_asked(client, toll, massacre):
    EventFactory(slug="calm")
    page = client.get("/?disputed=1").content.decode()
    assert [slug for slug, hidden in ITEM.findall(page) if not hidden] == ["massacre"]
    assert re.search(r'<input type="checkbox" name="disputed" value="1" id="filter-disputed" checked>', page)
    assert re.search(r'id="disputed-count">1<', page)
    unfiltered = client.get("/").content.decode()
    assert len([slug for slug, hidden in ITEM.findall(unfiltered) if not hidden]) == 2
    assert 'id="filter-disputed">' in unfiltered


def test_the_explorer_data_flags_each_event_where_sources_disagree(client, toll, massacre):
    EventFactory(slug="calm")
    # The scripts' events data (apart from the page): the indexes of the events where sources disagree.
    columns = client.get("/explorer/events.json").json()
    flags = {slug: i in columns["disputed"] for i, slug in enumerate(columns["slug"])}
    assert flags == {"massacre": True, "calm": False}


def test_a_bad_disputed_value_is_said_and_no_filter_applies(client, toll, massacre):
    EventFactory(slug="calm")
    response = client.get("/?disputed=yes")
    assert response.status_code == 400
    assert len(ITEM.findall(response.content.decode())) == 2


def test_a_slideshow_of_the_disputed_events(client, toll, massacre):
    EventFactory(slug="calm")
    page = client.get("/present/?disputed=1").content.decode()
    assert re.findall(r'data-slug="([^"]+)"', page).count("calm") == 0
    assert 'data-slug="massacre"' in page
