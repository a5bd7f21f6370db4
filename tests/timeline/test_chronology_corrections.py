"""The chronology as corrected against the source texts (issue 14): each correction, and the events
the texts tell that were missing. Where the team's source texts are beside the checkout
(``../shared/sources``, or ``SOURCE_NOTES_DIR``), the new events' key facts are checked in them."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from geo.models import Place
from timeline.models import Event
from tours.models import TourStop

# No module-wide django_db mark: each test's database access comes from ``content``, the content
# loaded once for the module (tests/timeline/conftest.py).

NOTES = Path(os.environ.get("SOURCE_NOTES_DIR") or settings.BASE_DIR.parent / "shared" / "sources")
# The source slugs of the fixtures and their text among the team's source files.
SOURCE_FILES = {
    "open-dialog-solidarity-demands": "000_3010a2bdf4dfd60f.txt",
    "industriall-2013-campaign": "001_be69f0af6816072b.txt",
    "industriall-2024-right-to-strike": "002_24db627d1b170fa0.txt",
    "iuf-2014-solidarity-results": "003_f235c1806234dd89.txt",
    "levy-2013-worker-organisation-repression": "004_da7a1d425bbb2171.txt",
}
KARAZHANBASMUNAI_WITHOUT_PLACE = [
    "2010-11-karazhanbasmunai-mediation-commission",
    "2011-01-sokolova-excluded-from-commission",
    "2011-04-karazhanbasmunai-shifts-vote-out-kosarkhanov",
    "2011-05-09-karazhanbasmunai-meal-refusal",
    "2011-05-17-karazhanbasmunai-walkout",
]
# New event: (source, words its text must contain, words the event's summary must contain).
NEW_EVENTS = {
    "2012-kazmunaigaz-officials-jailed-for-embezzlement": (
        "levy-2013-worker-organisation-repression",
        "Three senior officials of Kazmunaigaz, who embezzled funds designated for development programmes in Zhanaozen",
        "embezzled",
    ),
    "2012-bolat-atabaev-detained-and-released": (
        "levy-2013-worker-organisation-repression",
        "Bolat Atabaev, was detained but then released without charge",
        "released without charge",
    ),
    "2011-12-solidarity-after-the-massacre": (
        "levy-2013-worker-organisation-repression",
        "Belarussian democratic trade unionists called on their country’s special forces not to participate",
        "special forces",
    ),
    "2011-12-civil-society-demands-after-the-massacre": (
        "open-dialog-solidarity-demands",
        "to create a Zhanaozen List, based on Magnitsky List",
        "Magnitsky",
    ),
    "2023-01-wos-eleven-month-labour-dispute": (
        "industriall-2024-right-to-strike",
        "after an eleven-month labour dispute with the employer",
        "eleven months",
    ),
}
# Dates the sources do not give, inferred from their order or bounded: each says so in its date.
QUALIFIED = {
    "2011-04-sokolova-investigated": ("after", "approximate", "April 2011 or later – about August 2011"),
    "2011-05-occupation-of-zhanaozen-square": ("approximate", "exact", "about May 2011 – 16 December 2011"),
    "2011-05-zhanaozen-tent-city": ("approximate", "exact", "about May 2011 – 8 July 2011"),
    "2011-05-hunger-strikes": ("approximate", "exact", "about May 2011"),
    "2011-05-courts-rule-strikes-unlawful": ("approximate", "before", "about May 2011 – by the end of June 2011"),
    "2011-05-aminov-arrested": ("before", "exact", "by the end of June 2011"),
    "2011-06-sokolova-sentenced": ("approximate", "approximate", "about June 2011 – about August 2011"),
    "2011-06-sisinbaev-sentenced": ("approximate", "approximate", "about June 2011 – about August 2011"),
    "2011-06-zhanbolat-mamay-detained": ("approximate", "approximate", "about June 2011 – about August 2011"),
    "2011-12-police-round-up-of-oil-workers": ("after", "exact", "16 December 2011 or later"),
    "2011-12-zhanaozen-closed-to-observers": ("after", "exact", "16 December 2011 or later"),
    "2012-04-more-than-2000-strikers-reinstated": ("before", "exact", "by the end of April 2012"),
    "2023-12-11-west-oil-software-strike": ("exact", "after", "11 December 2023 – 27 February 2024 or later"),
}


def event(slug):
    return Event.objects.get(slug=slug)


@pytest.mark.parametrize("slug", KARAZHANBASMUNAI_WITHOUT_PLACE)
def test_the_karazhanbasmunai_events_no_source_places_have_no_single_place(content, slug):
    found = event(slug)
    assert (found.place, found.no_single_place) == (None, True)


def test_the_oilfield_no_event_is_placed_at_is_gone(content):
    assert not Place.objects.filter(slug="karazhanbas").exists()


def test_west_oil_software_is_a_subcontractor_to_a_subsidiary_and_the_strike_has_no_end(content):
    wos = event("2023-12-11-west-oil-software-strike")
    assert "transport subcontractor in the KazMunaiGas group" not in wos.summary
    assert "subcontractor to a subsidiary of KazMunaiGas" in wos.summary
    assert "Eurasianet reported dismissals on 27 February" not in wos.body
    assert "does not date" in wos.body or "do not date" in wos.body
    assert wos.end_qualifier == "after"
    with_russian = wos.summary_ru
    assert "в группе «КазМунайГаз»" not in with_russian
    assert "дочерней компании" in with_russian


def test_aktau_is_where_kozlov_was_tried_not_all_the_2012_trials(content):
    aktau = Place.objects.get(slug="aktau")
    assert "the 2012 trials were held here" not in aktau.description
    assert "Vladimir Kozlov" in aktau.description
    assert "Козлов" in aktau.description_ru
    assert "Козлов" in aktau.description_kk


def test_the_tent_city_keeps_both_of_levys_passages(content):
    tent = event("2011-05-zhanaozen-tent-city")
    assert "8 July 2011" in tent.summary
    assert "as the summer of 2011 wore on" in tent.summary
    assert "wore on" in tent.citations.get().locator


def test_the_seven_month_strike_began_with_three_disputes_and_the_massacre_ended_it(content):
    strike = event("2011-05-09-the-seven-month-strike")
    assert "were in dispute" not in strike.summary
    assert "three linked disputes" in strike.summary
    assert "ended it" in strike.summary


@pytest.mark.parametrize(
    ("slug", "source", "words"),
    [
        ("2011-12-16-buildings-set-on-fire", "reuters-2011-12-19", "set on fire"),
        (
            "2014-01-09-tuletaeva-moved-to-settlement-colony",
            "levy-2013-worker-organisation-repression",
            "main spokesperson",
        ),
        ("2012-05-21-shetpe-verdicts", "kazinform-2011-12-20-sequence", "2011-12-17"),
    ],
)
def test_a_claim_rests_on_a_source_the_event_cites(content, slug, source, words):
    assert words in event(slug).citations.get(source__slug=source).locator


def test_the_tour_says_only_karazhanbasmunai_demanded_ozenmunaigaz_pay(content):
    stop = TourStop.objects.get(event__slug="2010-03-ozenmunaigaz-19-day-stoppage")
    assert "other companies" not in stop.note
    assert "Karazhanbasmunai" in stop.note


@pytest.mark.parametrize("slug", NEW_EVENTS)
def test_the_events_the_texts_tell_are_there_cited_translated_and_placed(content, slug):
    source, _, words = NEW_EVENTS[slug]
    found = event(slug)
    assert found.status == Event.Status.PUBLISHED
    assert words in found.summary
    assert found.citations.filter(source__slug=source).exists()
    assert found.categories.exists()
    assert found.place is not None or found.no_single_place
    assert found.title_ru
    assert found.summary_ru
    assert found.body_ru
    assert found.title_kk
    assert found.summary_kk
    assert found.body_kk
    # Dated only as precisely as the texts allow: none of them gives a day of its own.
    assert found.date_qualifier != "exact"


@pytest.mark.parametrize("slug", NEW_EVENTS)
def test_the_new_events_sources_say_what_they_are_cited_for(content, slug):
    if not NOTES.is_dir():
        pytest.skip(f"the team's source texts are not beside this checkout ({NOTES})")
    source, fact, _ = NEW_EVENTS[slug]
    text = (NOTES / SOURCE_FILES[source]).read_text()
    assert fact in text
    locator = event(slug).citations.get(source__slug=source).locator
    quoted = [part.strip("“”… ") for part in locator.split("…")]
    assert all(part.replace("’", "'") in text.replace("’", "'") for part in quoted if part), locator


@pytest.mark.parametrize("slug", QUALIFIED)
def test_the_inferred_dates_say_so_in_the_date_itself(content, slug):
    start, end, shown = QUALIFIED[slug]
    found = event(slug)
    assert (found.date_qualifier, found.end_qualifier) == (start, end)
    assert found.date_display == shown


# 16 December 2011 as Levy tells it (source text 004) and the Reuters notes give it: the altercation
# in the square, then the rioting and the buildings attacked, then the police firing on the crowd.
MASSACRE_DAY = [
    "2011-12-16-independence-day-altercation",
    "2011-12-16-buildings-set-on-fire",
    "2011-12-16-zhanaozen-shooting",
]


def test_the_massacres_day_comes_in_the_order_the_sources_give(content):
    from timeline.compact import events_columns

    day = list(Event.objects.published().filter(start_date="2011-12-16").values_list("slug", flat=True))
    assert day[:3] == MASSACRE_DAY
    assert [slug for slug in events_columns()["slug"] if slug in MASSACRE_DAY] == MASSACRE_DAY
    shooting = event(MASSACRE_DAY[2])
    assert Event.objects.published().before(shooting).first().slug == MASSACRE_DAY[1]
    assert Event.objects.published().after(event(MASSACRE_DAY[0])).first().slug == MASSACRE_DAY[1]
    # The day's later events (the round-up, the solidarity) still come after the shooting.
    assert day.index(MASSACRE_DAY[2]) == 2
    assert len(day) > 3
    if NOTES.is_dir():
        text = (NOTES / SOURCE_FILES["levy-2013-worker-organisation-repression"]).read_text()
        said = ("an altercation took place", "other buildings were attacked", "police opened fire on an unarmed crowd")
        altercation, attacked, fire = (text.index(words) for words in said)
        assert altercation < attacked < fire
