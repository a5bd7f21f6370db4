"""The content fixtures themselves: they load, on either database, and keep the project's rules."""

import datetime
import json
import re

import pytest
from django.conf import settings

from geo.models import Place
from timeline.dates import FIRST_DAY, LAST_DAY
from timeline.models import Account, Actor, Citation, Event, Source
from timeline.services import load_content

# No module-wide django_db mark: each test's database access comes from ``content``, the content
# loaded once for the module (tests/timeline/conftest.py); what needs an empty database is in
# test_content_loading.py.
CONTENT = settings.CONTENT_FIXTURES_DIR
# Kazakhstan's extent (lon, lat), generously rounded; Mangistau region's, for the oil towns.
KAZAKHSTAN = (46.4, 40.5, 87.4, 55.5)
MANGISTAU = (50.0, 41.2, 56.0, 45.7)


def inside(point, box):
    west, south, east, north = box
    return west <= point.x <= east and south <= point.y <= north


def test_content_loads_and_a_second_load_changes_nothing(content):
    assert content.total_created > 0
    counts = {model: model.objects.count() for model in (Event, Place, Source, Citation)}
    again = load_content(directory=CONTENT)
    assert again.total_created == 0
    assert again.total_updated == 0
    assert {model: model.objects.count() for model in counts} == counts


def test_every_published_event_cites_a_source(content):
    assert Event.objects.published().exists()
    assert not Event.objects.published().filter(citations__isnull=True).exists()


def test_every_published_event_has_a_place_or_says_it_has_none(content):
    assert not Event.objects.published().filter(place__isnull=True, no_single_place=False).exists()


def test_dates_are_within_the_sites_span(content):
    first, last = FIRST_DAY, LAST_DAY  # 2008 (the UN's estimate of poverty in Mangistau) to 2024
    for event in Event.objects.all():
        assert first <= event.start_date <= last, event.slug
        assert event.end_date is None or event.end_date <= last, event.slug


def test_places_are_in_kazakhstan_or_abroad_as_marked(content):
    for place in Place.objects.all():
        if place.kind == Place.Kind.ABROAD:
            assert not inside(place.geom, KAZAKHSTAN), place.slug
        else:
            assert inside(place.geom, KAZAKHSTAN), place.slug


def test_the_oil_towns_are_where_they_are(content):
    towns = {
        place.slug: place.geom for place in Place.objects.filter(slug__in=["zhanaozen", "aktau", "shetpe", "zhetybai"])
    }
    assert set(towns) == {"zhanaozen", "aktau", "shetpe", "zhetybai"}
    assert all(inside(point, MANGISTAU) for point in towns.values())
    # Zhanaozen is about 150 km inland from Aktau; Shetpe is north of Zhanaozen; Zhetybai between them.
    assert (
        120
        < towns["zhanaozen"].transform(32639, clone=True).distance(towns["aktau"].transform(32639, clone=True)) / 1000
        < 180
    )
    assert towns["shetpe"].y > towns["zhanaozen"].y
    assert towns["aktau"].x < towns["zhetybai"].x < towns["zhanaozen"].x


def test_the_key_dates_are_there(content):
    published = Event.objects.published()
    assert published.filter(
        start_date=datetime.date(2011, 12, 16), importance=1, place__slug__startswith="zhanaozen"
    ).exists()
    assert published.filter(start_date=datetime.date(2023, 12, 11), actors__slug="west-oil-software").exists()


def addresses_in(text: str) -> set[str]:
    """The web addresses written in a text, without the punctuation that follows them."""
    return {address.rstrip(".,;:") for address in re.findall(r"https?://[^\s`\"'<>)\]]+", text)}


def shipped_addresses() -> set[str]:
    """fixtures/source-addresses.txt: the addresses the team's source notes give, one a line."""
    lines = (CONTENT / "source-addresses.txt").read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_source_addresses_come_only_from_the_source_notes(content):
    given = {source.slug: source.url for source in Source.objects.exclude(url="")}
    assert given, "no source in the fixtures gives an address"
    assert {slug: url for slug, url in given.items() if url not in shipped_addresses()} == {}


def test_the_shipped_addresses_are_those_in_the_source_notes():
    """The list in fixtures/ is the notes' own, where they are beside the checkout (../shared)."""
    notes = settings.BASE_DIR.parent / "shared" / "sources"
    if not notes.is_dir():
        pytest.skip(f"the team's source notes are not beside this checkout ({notes})")
    written = set().union(
        *(addresses_in(path.read_text()) for path in notes.iterdir() if path.suffix in {".md", ".txt"})
    )
    assert shipped_addresses() == written


def test_addresses_are_read_without_the_punctuation_around_them():
    text = "— Reuters, 19 December 2011,\n  http://a.example/x?b=1 ; The Diplomat (https://c.example/y). `http://d.example/`"
    assert addresses_in(text) == {"http://a.example/x?b=1", "https://c.example/y", "http://d.example/"}


def test_an_editors_correction_survives_a_reload_unless_asked_to_update(content):
    event = Event.objects.published().first()
    event.summary = "Corrected by an editor."
    event.save()
    load_content(directory=CONTENT)
    event.refresh_from_db()
    assert event.summary == "Corrected by an editor."
    report = load_content(directory=CONTENT, update=True)
    event.refresh_from_db()
    assert event.summary != "Corrected by an editor."
    assert report.updated == {"timeline.event": 1}


def test_a_withheld_name_stays_withheld_when_the_content_is_loaded_again(content):
    actor = Actor.objects.filter(kind=Actor.Kind.PERSON).first()
    actor.withhold_name, actor.public_description_en = True, "a witness"
    actor.save()
    load_content(directory=CONTENT, update=True)
    actor.refresh_from_db()
    assert actor.withhold_name
    assert actor.public_description_en == "a witness"


def read_fixture(name):
    return json.loads((CONTENT / f"{name}.json").read_text(encoding="utf-8"))


def test_the_chronology_is_complete_enough_to_teach_from(content):
    published = Event.objects.published()
    assert published.count() >= 60
    assert 8 <= published.filter(importance=1).count() <= 16
    years = set(published.dates("start_date", "year").values_list("start_date__year", flat=True))
    assert {2008, 2009, 2010, 2011, 2012, 2013, 2014, 2016, 2022, 2023, 2024} <= years


def test_no_two_events_in_the_files_share_a_slug():
    slugs = [event["fields"]["slug"] for event in read_fixture("events")]
    assert len(slugs) == len(set(slugs))


def test_every_actor_and_place_in_the_files_is_used(content):
    assert not Actor.objects.filter(events__isnull=True).exists()
    assert not Place.objects.filter(events__isnull=True).exists()


def test_every_event_has_a_category(content):
    assert not Event.objects.filter(categories__isnull=True).exists()


def test_citations_quote_rather_than_copy(content):
    for citation in Citation.objects.all():
        assert 0 < len(citation.locator) <= 400, (citation.event.slug, citation.source.slug)


@pytest.mark.parametrize(
    ("start", "actor", "sources"),
    [
        # The death toll of 16 December 2011: 15, 16, 17 in different sources.
        ("2011-12-16", "police", 4),
        # Kozlov's sentence: 7 years (Levy) and 7.5 years (vladimirkozlov.org).
        ("2012-10-08", "vladimir-kozlov", 2),
    ],
)
def test_disagreements_are_kept_with_each_source_saying_its_figure(content, start, actor, sources):
    # The day and the actor, and of those events the one a disagreement is about (the police round-up
    # is now dated "16 December 2011 or later" too).
    event = Event.objects.get(start_date=start, actors__slug=actor, date_qualifier="exact")
    citations = event.citations.all()
    assert citations.count() >= sources
    assert all(citation.note for citation in citations)
    assert "differ" in event.body


def test_loading_keeps_one_version_of_each_object_in_the_history(content):
    from reversion.models import Version

    event = Event.objects.published().first()
    versions = Version.objects.get_for_object(event)
    assert versions.count() == 1
    assert versions.get().revision.get_comment() == "Loaded from the content files."
    load_content(directory=CONTENT)
    assert Version.objects.get_for_object(event).count() == 1


def test_every_account_rests_on_a_citation_of_its_event(content):
    accounts = Account.objects.select_related("event", "source")
    assert accounts.count() >= 20
    for account in accounts:
        assert account.event.citations.filter(source=account.source).exists(), (account.event.slug, account.source.slug)
        assert 0 < len(account.locator) <= 400


# The ten disagreements the bodies describe, each with the sources that take part in it.
LEVY = "levy-2013-worker-organisation-repression"
DISAGREEMENTS = {
    ("2011-12-16-zhanaozen-shooting", "The dead and wounded of 16 December 2011"): {
        "reuters-2011-12-19",
        LEVY,
        "iuf-2014-solidarity-results",
        "industriall-2013-campaign",
        "diplomat-2021-12-what-happened",
    },
    ("2012-03-trial-of-the-37", "When the trial of the 37 took place"): {"industriall-2013-campaign", LEVY},
    ("2012-10-08-kozlov-sentenced", "Vladimir Kozlov's sentence"): {
        "kozlov-org-2016-08-04-early-release",
        "kozlov-org-profile",
        LEVY,
    },
    ("2012-03-trial-of-the-37", "Roza Tuletaeva's sentence"): {LEVY, "people-and-nature-2014-01-09-roza"},
    ("2014-04-04-iuf-reports-campaign-results", "How many of the jailed oil workers were still in custody"): {
        "industriall-2013-campaign",
        "iuf-2014-solidarity-results",
    },
    ("2012-10-bozhenko-killed", "How Aleksandr Bozhenko died"): {LEVY, "industriall-2013-campaign"},
    ("2023-12-11-west-oil-software-strike", "What the strikers demanded"): {
        "industriall-2024-right-to-strike",
        "vlast-wos-dismissals",
    },
    ("2011-12-zhanaozen-closed-to-observers", "How long the area was closed"): {LEVY},
    ("2011-05-09-karazhanbasmunai-meal-refusal", "When the strike wave began"): {LEVY},
    ("2011-12-16-buildings-set-on-fire", "What was burned or attacked"): {LEVY, "kazinform-2011-12-20-sequence"},
}


@pytest.mark.parametrize(("event", "topic"), DISAGREEMENTS)
def test_each_disagreement_in_the_bodies_is_a_table_of_accounts(content, event, topic):
    accounts = Account.objects.filter(event__slug=event, topic_en=topic)
    assert set(accounts.values_list("source__slug", flat=True)) == DISAGREEMENTS[event, topic]
    assert accounts.count() >= 2  # at least two versions, even where one source gives both
    assert len({account.claim_en for account in accounts}) >= 2
    assert [account.note_en for account in accounts if account.note_en] == [accounts.first().note_en]


def test_the_death_toll_has_the_akimats_figure_as_levy_reports_it(content):
    akimat = Account.objects.get(event__slug="2011-12-16-zhanaozen-shooting", according_to_en__icontains="akimat")
    assert akimat.source.slug == LEVY
    assert akimat.claim_en == "16 killed, 64 wounded"
