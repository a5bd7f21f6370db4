"""The demands in fixtures/: each from its source, in its words, dated as the source allows, and
linked only to published, cited events. (Loading the content takes seconds: few tests load it.)"""

import datetime
import json
import shutil

import pytest
from django.conf import settings

from demands.models import Demand, Outcome
from tests.timeline.test_chronology_corrections import NOTES, SOURCE_FILES
from timeline.dates import FIRST_DAY, LAST_DAY
from timeline.models import SUMMARY_PREFIX, summarised_passage
from timeline.services import CONTENT_FILES, load_content

CONTENT = settings.CONTENT_FIXTURES_DIR
ODF = "open-dialog-solidarity-demands"


def fixture(name):
    return [row["fields"] for row in json.loads((CONTENT / f"{name}.json").read_text(encoding="utf-8"))]


def normalised(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def test_every_demand_quotes_its_source_where_it_makes_the_demand():
    if not NOTES.is_dir():
        pytest.skip(f"the team's source texts are not beside this checkout ({NOTES})")
    demands = fixture("demands")
    assert len(demands) >= 20
    for demand in demands:
        locator, source = demand["locator"], demand["source"][0]
        assert 0 < len(locator) <= 400, demand["slug"]
        summary = summarised_passage(locator)
        if summary is not None:  # the team's notes on a source not among the texts (EXTRA.md)
            assert normalised(summary.rstrip(".")) in normalised((NOTES / "EXTRA.md").read_text()), demand["slug"]
            continue
        text = normalised((NOTES / SOURCE_FILES[source]).read_text())
        quoted = [part.strip("“”… ") for part in locator.split("…")]
        assert all(normalised(part) in text for part in quoted if part), demand["slug"]


def test_demands_are_dated_within_the_sites_span_and_by_their_precision():
    for demand in fixture("demands"):
        day = datetime.date.fromisoformat(demand["date"])
        assert FIRST_DAY <= day <= LAST_DAY, demand["slug"]
        assert demand["date_precision"] == "day" or day.day == 1, demand["slug"]


def test_no_two_demands_share_a_slug():
    slugs = [demand["slug"] for demand in fixture("demands")]
    assert len(slugs) == len(set(slugs))


@pytest.mark.django_db
def test_the_demands_load_as_the_sources_give_them_and_point_only_to_published_cited_events():
    report = load_content(directory=CONTENT)
    assert Demand.objects.published().count() == Demand.objects.count() == report.created["demands.demand"]

    # The Open Dialog Foundation's two lists, dated as its page dates them.
    before = Demand.objects.filter(source__slug=ODF, made_by_en="The oil workers in Zhanaozen")
    assert before.count() == 10
    assert {demand.date_display for demand in before} == {"by 16 December 2011"}
    after = Demand.objects.filter(source__slug=ODF, made_by_en="Kazakh civil society")
    assert after.count() == 2
    assert {demand.date_display for demand in after} == {"16 December 2011 or later"}

    # The West Oil Software strikers' demands, as IndustriALL and as Vlast.kz (the team's notes) give them.
    strikers = Demand.objects.filter(made_by_en__startswith="The West Oil Software strikers")
    assert set(strikers.values_list("source__slug", flat=True)) == {
        "industriall-2024-right-to-strike",
        "vlast-wos-dismissals",
    }
    assert Demand.objects.get(slug="2023-a-single-pay-system").locator.startswith(SUMMARY_PREFIX)

    # Sokolova's release: her sentence, and no release that the sources record.
    sokolova = Demand.objects.get(slug="2011-release-natalia-sokolova")
    assert sokolova.result == Demand.Result.UNRECORDED
    assert [outcome.event.slug for outcome in sokolova.outcomes.all()] == ["2011-06-sokolova-sentenced"]
    assert "do not record her release" in sokolova.outcomes.get().note_en

    # No international investigation is claimed; the Kazakh court's sentences are said to be none.
    investigation = Demand.objects.get(slug="2011-independent-international-investigation")
    assert investigation.result == Demand.Result.UNRECORDED
    assert "not an international investigation" in " ".join(investigation.outcomes.values_list("note_en", flat=True))

    # Independent unions "not met": the sources' refusal (Karakiya closed, Zhovtis in 2012), and the
    # unions the notes record in 2023 shown too; the Ersai committee was held "temporarily" (Levy).
    unions = Demand.objects.get(slug="2011-independent-unions")
    assert unions.result == Demand.Result.NOT_MET
    assert {"2011-06-ersai-strike-committee-jailed", "2012-12-13-zhovtis-round-table-almaty"} <= set(
        unions.outcomes.values_list("event__slug", flat=True)
    )
    assert "temporarily" in unions.outcomes.get(event__slug="2011-06-ersai-strike-committee-jailed").note_en

    # No source says the dismissed West Oil Software strikers were or were not reinstated.
    reinstate = Demand.objects.get(slug="2024-reinstate-dismissed-strikers")
    assert reinstate.result == Demand.Result.UNRECORDED
    assert "50 more" not in reinstate.outcomes.get().note_en

    # The campaign for the seven: two released (IUF), Tuletaeva refused parole (OSCE PA).
    seven = Demand.objects.get(slug="2013-release-the-seven-jailed-oil-workers")
    assert seven.result == Demand.Result.PARTLY
    assert "2014-07-30-tuletaeva-parole-denied" in seven.outcomes.values_list("event__slug", flat=True)

    assert Outcome.objects.exists()
    for outcome in Outcome.objects.select_related("event"):
        assert outcome.event.status == "published", outcome
        assert outcome.event.citations.exists(), outcome
        assert outcome.note_en, outcome

    again = load_content(directory=CONTENT)
    assert (again.total_created, again.total_updated) == (0, 0)


@pytest.mark.django_db
def test_a_demands_translation_is_found_by_its_slug(tmp_path):
    for name in CONTENT_FILES:
        shutil.copy(CONTENT / f"{name}.json", tmp_path / f"{name}.json")
    (tmp_path / "translations").mkdir()
    translation = {
        "demands": {"2011-a-zhanaozen-list": {"text": "Составить «список Жанаозена»."}},
        "demand_outcomes": {"2011-release-natalia-sokolova/2011-06-sokolova-sentenced": {"note": "Приговор."}},
    }
    (tmp_path / "translations" / "ru.json").write_text(json.dumps(translation), encoding="utf-8")
    load_content(directory=tmp_path)
    assert Demand.objects.get(slug="2011-a-zhanaozen-list").text_ru == "Составить «список Жанаозена»."
    assert Outcome.objects.get(event__slug="2011-06-sokolova-sentenced").note_ru == "Приговор."
