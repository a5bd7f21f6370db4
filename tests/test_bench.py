"""The benchmark's export of the events to TimelineJS (bench/timelinejs.py): the JSON TimelineJS 3 reads."""

import datetime
import json

import pytest

from bench.timelinejs import published_events, timelinejs_data, timelinejs_date
from tests.factories import CategoryFactory, EventFactory
from timeline.models import Event

# What a TimelineJS 3 slide may hold (its JSON format's documentation), of which the export uses these.
SLIDE_KEYS = {"unique_id", "start_date", "end_date", "text", "group"}
DATE_PARTS = ("year", "month", "day")


def event(slug, start, precision, **fields):
    return {
        "slug": slug,
        "title": f"Title of {slug}",
        "summary": "What happened.",
        "start_date": start,
        "date_precision": precision,
        "end_date": None,
        "end_precision": "day",
        "group": None,
        **fields,
    }


def test_a_date_gives_timelinejs_the_parts_it_is_known_to():
    day = datetime.date(2011, 12, 6)
    assert timelinejs_date(day, "day") == {"year": "2011", "month": "12", "day": "6"}
    assert timelinejs_date(day, "month") == {"year": "2011", "month": "12"}
    assert timelinejs_date(day, "year") == {"year": "2011"}


def test_the_export_is_timelinejs_json():
    events = [
        event("strike", datetime.date(2011, 5, 1), "month", end_date=datetime.date(2011, 12, 1), end_precision="month"),
        event("shooting", datetime.date(2011, 12, 16), "day", group="Violence"),
        event("trials", datetime.date(2012, 1, 1), "year", title="Trials & <appeals>", summary='"Unfair", they said.'),
    ]
    data = json.loads(json.dumps(timelinejs_data(events)))
    assert set(data) == {"events"}  # no title slide: it opens on the first event
    slides = data["events"]
    assert [slide["unique_id"] for slide in slides] == ["strike", "shooting", "trials"]
    for slide in slides:
        assert set(slide) <= SLIDE_KEYS
        for key in ("start_date", "end_date"):
            if key in slide:
                parts = slide[key]
                # The year always; a day only with its month; every part a whole number.
                assert list(parts) == list(DATE_PARTS[: len(parts)])
                assert all(value.isdigit() for value in parts.values())
        assert set(slide["text"]) == {"headline", "text"}
    assert slides[0]["start_date"] == {"year": "2011", "month": "5"}
    assert slides[0]["end_date"] == {"year": "2011", "month": "12"}
    assert slides[1]["start_date"] == {"year": "2011", "month": "12", "day": "16"}
    assert slides[1]["group"] == "Violence"
    assert "group" not in slides[0]
    assert "end_date" not in slides[1]
    assert slides[2]["start_date"] == {"year": "2012"}
    # TimelineJS reads headline and text as HTML: plain text is escaped.
    assert slides[2]["text"] == {"headline": "Trials &amp; &lt;appeals&gt;", "text": "&quot;Unfair&quot;, they said."}


@pytest.mark.django_db
def test_the_published_events_are_exported_in_the_explorers_order_grouped_by_first_category():
    first, second = CategoryFactory(name="Zeta", order=1), CategoryFactory(name="Alpha", order=2)
    later = EventFactory(slug="later", start_date=datetime.date(2011, 12, 17), categories=[second, first])
    earlier = EventFactory(slug="earlier", start_date=datetime.date(2011, 12, 16), categories=[second])
    EventFactory(slug="draft", status=Event.Status.DRAFT)
    rows = published_events()
    assert [row["slug"] for row in rows] == [earlier.slug, later.slug]
    assert [row["group"] for row in rows] == ["Alpha", "Zeta"]
    slides = timelinejs_data(rows)["events"]
    assert slides[0]["start_date"] == {"year": "2011", "month": "12", "day": "16"}


def test_the_load_report_replaces_its_own_section_and_keeps_the_rest(tmp_path):
    from bench.load_report import BEGIN, END, within_markers

    path = tmp_path / "performance.md"
    first = within_markers(path, "load figures 1\n")
    assert first.startswith("# Performance")
    assert "load figures 1" in first
    path.write_text(first + "\n## The explorer beside TimelineJS\n\nkept\n")
    second = within_markers(path, "load figures 2\n")
    assert "load figures 2" in second
    assert "load figures 1" not in second
    assert second.endswith("## The explorer beside TimelineJS\n\nkept\n")
    assert second.count(BEGIN) == second.count(END) == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--sizes", "real"], "--sizes takes event counts separated by commas"),
        (["--sizes", "1000,0"], "take numbers of 1 or more"),
        (["--runs", "0"], "take numbers of 1 or more"),
    ],
)
def test_the_benchmark_refuses_what_it_cannot_read_with_a_message(monkeypatch, capsys, arguments, message):
    from bench import bench_explorer

    monkeypatch.setattr("sys.argv", ["bench_explorer.py", *arguments])
    with pytest.raises(SystemExit) as stopped:
        bench_explorer.parse_args()
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_goal_is_judged_on_the_ratio_the_table_rounds():
    from bench import bench_explorer

    # 818 ms against 418: the table says 2.0×, the goal of 2× is not met, and the verdict says by how much.
    assert bench_explorer.ratio([818], [418]) == ("2.0×", 818 / 418)
    assert bench_explorer.verdict(818 / 418, 2, 8.1) == "NOT met (1.96×)"
    assert bench_explorer.verdict(2.0, 2, None) == "met (2.00×)"
    assert bench_explorer.verdict(9.3, 10, 9.5).endswith("(no page can meet it here: the floor is 9.5× TimelineJS)")
    assert bench_explorer.verdict(None, 10, None) == "–"
