"""TimelineJS 3.9.11 beside the explorer, for bench_explorer.py: the same events in its JSON, and a page.

TimelineJS (npm ``@knight-lab/timelinejs``) is installed into a temporary folder by the benchmark,
never into the project, and served from there by a static server on 127.0.0.1: nothing is shipped.
The export is a pure function (``timelinejs_data``) so that the tests can check it without a browser.
"""

import html
import json
import shutil
import subprocess
from pathlib import Path

VERSION = "3.9.11"
PACKAGE = f"@knight-lab/timelinejs@{VERSION}"
DIST = "node_modules/@knight-lab/timelinejs/dist"

# The page: TimelineJS's own CSS and script from the installed package, a script that starts it on
# the events' JSON (fetched by TimelineJS itself, as the explorer fetches or parses its own), and
# marks the container data-ready="true" once the first slide and the time navigation's markers
# exist, which is what the benchmark waits for on both pages.
PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TimelineJS {VERSION}</title>
<link rel="stylesheet" href="{DIST}/css/timeline.css">
<link rel="stylesheet" href="page.css">
</head>
<body>
<div id="timeline"></div>
<script src="{DIST}/js/timeline.js"></script>
<script src="boot.js"></script>
</body>
</html>
"""
STYLE = "html, body { margin: 0; height: 100%; } #timeline { width: 100%; height: 100vh; }\n"
BOOT = f"""const container = document.getElementById("timeline");
// Fonts, theme and language from the installed package, not from Knight Lab's CDN (the default).
const scriptPath = new URL("{DIST}/js/", location.href).href;
const timeline = new TL.Timeline(container, "events.json", {{ script_path: scriptPath }});
window.timeline = timeline;
timeline.on("ready", function drawn() {{
  if (container.querySelector(".tl-slide") && container.querySelector(".tl-timemarker")) {{
    container.dataset.ready = "true";
  }} else {{
    requestAnimationFrame(drawn);
  }}
}});
"""


def timelinejs_date(value, precision):
    """A date as TimelineJS reads it: the year always, the month and day only as far as they are known."""
    parts = {"year": str(value.year)}
    if precision in {"month", "day"}:
        parts["month"] = str(value.month)
    if precision == "day":
        parts["day"] = str(value.day)
    return parts


def timelinejs_event(event):
    """One slide of TimelineJS's JSON format from an event as a dict (the Event model's field names, plus
    ``group``: the name of its first category, or None). Title and summary are plain text: TimelineJS
    reads them as HTML, so they are escaped."""
    slide = {
        "unique_id": event["slug"],
        "start_date": timelinejs_date(event["start_date"], event["date_precision"]),
        "text": {"headline": html.escape(event["title"]), "text": html.escape(event["summary"])},
    }
    if event.get("end_date"):
        slide["end_date"] = timelinejs_date(event["end_date"], event["end_precision"])
    if event.get("group"):
        slide["group"] = event["group"]
    return slide


def timelinejs_data(events):
    """TimelineJS's JSON configuration (no title slide: it opens on the first event, as the explorer
    lists it first) for these events, in their order."""
    return {"events": [timelinejs_event(event) for event in events]}


def published_events():
    """The published events as dicts for ``timelinejs_event``, in the explorer's order (needs Django set up)."""
    from timeline.models import CHRONOLOGY, Event

    events = Event.objects.published().order_by(*CHRONOLOGY).prefetch_related("categories")
    fields = ["slug", "title", "summary", "start_date", "date_precision", "end_date", "end_precision"]
    rows = []
    for event in events.only(*fields):
        first = next(iter(event.categories.all()), None)
        rows.append({**{name: getattr(event, name) for name in fields}, "group": first.name if first else None})
    return rows


def install(folder: Path, timeout: float):
    """Install TimelineJS with npm into ``folder`` (a temporary one) and write the page beside it."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed to install TimelineJS for the comparison (apt-get install npm).")
    subprocess.run(
        [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--ignore-scripts", PACKAGE],
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=timeout,
    )
    (folder / "index.html").write_text(PAGE)
    (folder / "page.css").write_text(STYLE)
    (folder / "boot.js").write_text(BOOT)


def write_events(folder: Path, events) -> int:
    """Write the events' JSON for the page; return how many."""
    data = timelinejs_data(events)
    (folder / "events.json").write_text(json.dumps(data, ensure_ascii=False))
    return len(data["events"])
