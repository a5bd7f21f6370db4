"""Benchmark the explorer beside TimelineJS 3.9.11, in one run, in headless Chromium.

Not a test: it prints the table of issue 13 (paint time with the real content, 1 000 and 10 000
events; selecting the next event at 1 000 and 10 000), the explorer's first-load transfer size and
any request to another host.

    .venv/bin/python bench/bench_explorer.py            # 5 loads of each page per size (several minutes)
    .venv/bin/python bench/bench_explorer.py --quick    # 1 load each, 3 key presses
    .venv/bin/python bench/bench_explorer.py --sizes 1000 --runs 3

It builds a throwaway SpatiaLite database (the real content, then synthetic events from
``make_synthetic_events`` up to each size) and static root, serves them as ``make serve`` does
(gunicorn with ``zhanaozen/gunicorn.conf.py``, the production settings: WhiteNoise, compressed
responses) on a free loopback port, installs TimelineJS with npm into the same temporary folder and
serves it, with the same published events as TimelineJS's JSON, from a static server on another
loopback port. Chromium (1366×768) reaches only those two servers: it resolves no other host, so
every other request (the map's tiles) fails at once, and its host is reported.

The floor: beside them, from the static server, a page that draws one rectangle on a canvas with one
module and answers → by changing one number, measured the same way. No page can do better on this
machine and browser, so ``TimelineJS / floor`` is the largest ratio any page could reach here, and
the report says so for each goal.

Each page is loaded once, unmeasured, after the browser has started (for each size), and then
``--runs`` times, the three pages in turn, each load in a fresh context (an empty cache).

Paint: from navigation start to two frames after the page has drawn its events, in the page's own
clock: the explorer's ``#explorer`` and TimelineJS's container get ``data-ready="true"`` when their
events are drawn (TimelineJS: on its ``ready`` event, with the first slide and the time navigation's
markers present). Select next: from the → key press (both pages answer it) to the second frame after.
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import timelinejs  # noqa: E402

PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1366, "height": 768}
# TimelineJS animates a slide change for 1 s: each key press waits this long after the last one.
SETTLE_MS = 1200

# Injected before any of the page's scripts (Playwright's init script, not subject to the page's CSP).
# It says when it has measured on the console: waiting for that costs the page nothing, where
# Playwright's own waiting (wait_for_function, wait_for_selector) first injects its ~25 ms script
# into the page and then runs a task in it every few milliseconds, and so may delay what it waits for.
PAINTED = "zhanaozen-bench: painted"
ANSWERED = "zhanaozen-bench: answered"
# ``window.__bench.painted``: two frames after ROOT got data-ready="true"; ``presses``: from each →
# key press to the second frame after it (the listener runs first, before the page's own).
PROBE = """(() => {
  const root = ROOT_SELECTOR;
  const bench = (window.__bench = { ready: null, painted: null, presses: [] });
  const twoFrames = (done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
  const check = () => {
    if (bench.ready !== null || !document.querySelector(`${root}[data-ready="true"]`)) return;
    bench.ready = performance.now();
    observer.disconnect();
    twoFrames((now) => { bench.painted = now; console.debug(PAINTED); });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
  document.addEventListener("DOMContentLoaded", check);
  window.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight") return;
    const now = performance.now();
    const start = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
    twoFrames((end) => { bench.presses.push(end - start); console.debug(ANSWERED); });
  }, true);
})();"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, timeout=900):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, timeout=timeout
    )


def started(command, url, wait=10, **options):
    """Start a server and wait (``wait`` seconds at most) until ``url`` answers."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options)
    for _ in range(wait * 10):
        try:
            urllib.request.urlopen(url, timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    stop(server)
    raise SystemExit(f"The server for {url} did not start.")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def serve(env, port, server):
    """The app with the production settings (WhiteNoise serves the static files, compressed): as
    ``make serve`` runs it (gunicorn, its settings and workers, warmed up: ``zhanaozen/warmup.py``),
    or under Django's ``runserver`` (one process)."""
    if server == "runserver":
        command = [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic"]
    else:
        command = [str(Path(PYTHON).with_name("gunicorn")), "--config", "zhanaozen/gunicorn.conf.py", "zhanaozen.wsgi"]
    environment = {**env, "HOST": "127.0.0.1", "PORT": str(port)}
    return started(command, f"http://127.0.0.1:{port}/healthz", cwd=ROOT, env=environment, wait=120)


# The browser finds no host but the loopback (the two servers): a tile, a font from another host fails
# at once, as offline. Not Playwright's request interception (page.route), which holds every request,
# the pages' own too, until the benchmark's Python has answered it: some 10 ms a request, in turn,
# that the page with more requests on its first paint's path paid more of.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

# What the explorer loads that the app builds (the rest are static files).
BUILT = re.compile(r'(?:href|data-events-url)="(/[^"]*(?:events\.json|categories\.css)[^"]*)"')


def warm(url):
    """Request the explorer and what it loads from the app (its data, the categories' colours) once,
    so that the loads measured find them built, as visitors do but the first after an edit: the
    benchmark times the browser, not a build that happens once per state of the content."""
    page = urllib.request.urlopen(url, timeout=300).read().decode()
    for path in sorted(set(BUILT.findall(page))):
        urllib.request.urlopen(urljoin(url, path.replace("&amp;", "&")), timeout=300).read()


# The benchmark's own database in the local Redis (bench/load.sh uses 7, the tests 2).
REDIS_URL = "redis://127.0.0.1:6379/13"


def shared_cache(server):
    """The cache gunicorn's workers share, as in production (``CACHE_URL``): the local Redis, emptied
    first. Without it each worker would build the explorer's data for itself, on its first request
    for it (a second with 10 000 events), and the loads that met a cold worker would measure that."""
    if server != "gunicorn":
        return ""  # one process: its own memory
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        raise SystemExit(
            f"Redis is needed at {REDIS_URL} for gunicorn's shared cache ({error}); or --server runserver"
        ) from error
    return REDIS_URL


# The floor: the least a page can do to show something and answer a key (see the docstring).
FLOOR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="floor.js"></script></head>
<body><h1>Floor</h1><p id="count">0</p><div id="floor"><canvas width="1300" height="300"></canvas></div></body></html>
"""
FLOOR_SCRIPT = """const root = document.getElementById("floor");
const g = root.querySelector("canvas").getContext("2d");
g.fillStyle = "#8a1c1c";
g.fillRect(10, 10, 200, 100);
root.dataset.ready = "true";
document.addEventListener("keydown", (e) => {
  if (e.key !== "ArrowRight") return;
  const count = document.getElementById("count");
  count.textContent = String(Number(count.textContent) + 1);
});
"""


def write_floor(folder):
    (folder / "floor.html").write_text(FLOOR_PAGE)
    (folder / "floor.js").write_text(FLOOR_SCRIPT)


def serve_folder(folder, port):
    command = [PYTHON, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)]
    return started(command, f"http://127.0.0.1:{port}/index.html")


def load(browser, url, root, timeout_ms):
    """Open ``url`` in a fresh context (empty cache) and wait until its events are painted.

    Returns the page (its context to be closed by the caller) and what was measured."""
    own = urlsplit(url).netloc
    context = browser.new_context(viewport=VIEWPORT)
    probe = PROBE.replace("ROOT_SELECTOR", json.dumps(root))
    probe = probe.replace("PAINTED", json.dumps(PAINTED)).replace("ANSWERED", json.dumps(ANSWERED))
    context.add_init_script(script=probe)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    outside, finished = set(), []

    def requested(request):
        host = urlsplit(request.url).netloc
        if host != own:
            outside.add(host)

    # Noted, not held: the browser itself refuses other hosts (LOOPBACK_ONLY).
    page.on("request", requested)
    page.on("requestfinished", lambda request: finished.append(request))
    with page.expect_console_message(lambda message: message.text == PAINTED):
        page.goto(url, wait_until="commit")
    page.wait_for_load_state("networkidle")
    sizes = [request.sizes() for request in finished if urlsplit(request.url).netloc == own]
    figures = page.evaluate(
        """() => ({
            ready: window.__bench.ready,
            painted: window.__bench.painted,
            mark: (performance.getEntriesByName("explorer-ready")[0] || {}).startTime ?? null,
            slides: window.timeline?.config?.events?.length ?? null,
        })"""
    )
    figures["bytes"] = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
    figures["requests"] = len(sizes)
    figures["outside"] = outside
    return page, figures


def select_next(page, presses, current):
    """Press → ``presses`` times (after one press not counted) and return the time of each, in ms.

    ``current`` is a function (in JavaScript) giving what is selected: a press that changes nothing is not counted."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(SETTLE_MS)
    times = []
    for number in range(presses + 1):
        before = page.evaluate(current)
        with page.expect_console_message(lambda message: message.text == ANSWERED):
            page.keyboard.press("ArrowRight")
        moved = page.evaluate(current) != before
        if number and moved:
            times.append(page.evaluate("count => window.__bench.presses[count]", number))
        elif not moved:
            print(f"  warning: → changed nothing on {page.url}", file=sys.stderr)
        page.wait_for_timeout(SETTLE_MS)
    return times


def measure(pages, options):
    """Load each page ``options.runs`` times, alternately; returns per page the lists of figures.

    The browser is started here, for one size: Django (the export) refuses to run beside the event
    loop Playwright's synchronous API keeps in this thread."""
    from playwright.sync_api import sync_playwright

    lists = ["paint", "select", "bytes", "requests", "marks"]
    results = {name: {**{key: [] for key in lists}, "outside": set(), "slides": None} for name in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", LOOPBACK_ONLY],
        )
        # One load of each page first, not measured: the browser just started pays on its first load
        # for what it then keeps (a renderer, the fonts it has found). In three trials the floor's
        # first load was its slowest each time, by 10–40 ms.
        for url, root, _current in pages.values():
            page, _figures = load(browser, url, root, options.timeout * 1000)
            page.context.close()
        for _run in range(options.runs):
            for name, (url, root, current) in pages.items():
                page, figures = load(browser, url, root, options.timeout * 1000)
                try:
                    result = results[name]
                    result["paint"].append(figures["painted"])
                    result["bytes"].append(figures["bytes"])
                    result["requests"].append(figures["requests"])
                    result["outside"] |= figures["outside"]
                    result["marks"].append((figures["mark"], figures["ready"], figures["painted"]))
                    result["slides"] = figures["slides"]
                    if current and options.presses:
                        result["select"] += select_next(page, options.presses, current)
                finally:
                    page.context.close()
        browser.close()
    return results


def milliseconds(value):
    return f"{value:,.0f}".replace(",", " ")


def spread(values):
    """``median ms (min–max)`` of several runs, or the one figure."""
    if not values:
        return "–"
    median = f"{milliseconds(statistics.median(values))} ms"
    if len(values) == 1:
        return median
    return f"{median} ({milliseconds(min(values))}–{milliseconds(max(values))})"


def ratio(slow, fast):
    if not slow or not fast:
        return "–", None
    value = statistics.median(slow) / statistics.median(fast)
    return f"{value:.1f}×", value


def verdict(value, goal, most):
    """Whether the ratio ``value`` meets ``goal``, with the ratio to two decimals: the table rounds to
    one, where 1.96× shows as 2.0× beside a goal of 2× it does not meet. ``most``: the floor's ratio,
    the largest any page could reach here."""
    if value is None:
        return "–"
    text = f"{'met' if value >= goal else 'NOT met'} ({value:.2f}×)"
    if value < goal and most is not None and most < goal:
        text += f" (no page can meet it here: the floor is {most:.1f}× TimelineJS)"
    return text


def django_setup(env):
    os.environ.update(env)
    import django

    django.setup()


def published_events():
    from django.db import connection

    connection.close()  # the database was written by another process since
    return timelinejs.published_events()


def tile_hosts():
    from django.conf import settings

    return {urlsplit(url).netloc for _name, url, _options in settings.LEAFLET_CONFIG["TILES"]}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default="1000,10000", help="event counts besides the real content (default 1000,10000)"
    )
    parser.add_argument("--runs", type=int, default=5, help="loads of each page per size (default 5)")
    parser.add_argument(
        "--presses", type=int, default=5, help="→ presses timed per load, sizes besides the real content"
    )
    parser.add_argument("--timeout", type=int, default=300, help="seconds a page may take to load (default 300)")
    parser.add_argument("--quick", action="store_true", help="one load of each page per size, 3 presses")
    parser.add_argument(
        "--server",
        choices=["gunicorn", "runserver"],
        default="gunicorn",
        help="what serves the explorer: gunicorn as make serve runs it (default), or Django's runserver",
    )
    options = parser.parse_args()
    if options.quick:
        options.runs, options.presses = 1, 3
    try:
        options.sizes = [int(size) for size in options.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(
            f"--sizes takes event counts separated by commas, such as 1000,10000 (not {options.sizes!r});"
            " the real content is always measured"
        )
    if any(size < 1 for size in options.sizes) or options.runs < 1 or options.presses < 1:
        parser.error("--sizes, --runs and --presses take numbers of 1 or more")
    return options


def main():
    options = parse_args()
    # Stopped (SIGTERM, or a timeout): the servers are stopped and the temporary folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    rows, weights, outside = [], [], {}
    with tempfile.TemporaryDirectory(prefix="zhanaozen-bench-") as scratch:
        scratch = Path(scratch)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.production",
            "SECRET_KEY": "benchmark-only-" + "x" * 40,
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"spatialite:///{scratch}/bench.sqlite3",
            "STATIC_ROOT": f"{scratch}/static",
            "CACHE_URL": shared_cache(options.server),
            "RATELIMIT_ENABLE": "false",  # the same address loads the page and its data many times
        }
        django_setup(env)
        manage(env, "migrate", "--no-input")
        manage(env, "load_content")
        manage(env, "collectstatic", "--no-input")
        folder = scratch / "timelinejs"
        timelinejs.install(folder, timeout=300)
        write_floor(folder)
        tiles = tile_hosts()
        static_port = free_port()
        static = serve_folder(folder, static_port)
        port = free_port()
        try:
            events = published_events()
            real = len(events)
            for size in [None, *options.sizes]:
                if size is not None:
                    if size <= len(events):
                        print(f"{size} events: the database has {len(events)} already; skipped", file=sys.stderr)
                        continue
                    manage(env, "make_synthetic_events", str(size - len(events)))
                    events = published_events()
                count = timelinejs.write_events(folder, events)
                server = serve(env, port, options.server)
                try:
                    warm(f"http://127.0.0.1:{port}/")
                    explorer = (f"http://127.0.0.1:{port}/", "#explorer", size and "() => location.href")
                    timeline = (
                        f"http://127.0.0.1:{static_port}/",
                        "#timeline",
                        size and "() => window.timeline.current_id",
                    )
                    floor = (
                        f"http://127.0.0.1:{static_port}/floor.html",
                        "#floor",
                        size and "() => document.getElementById('count').textContent",
                    )
                    results = measure({"explorer": explorer, "timeline": timeline, "floor": floor}, options)
                finally:
                    stop(server)
                if results["timeline"]["slides"] != count:
                    print(
                        f"warning: TimelineJS read {results['timeline']['slides']} of {count} events", file=sys.stderr
                    )
                label = f"real content ({real}; TimelineJS {count})" if size is None else milliseconds(count)
                rows.append((label, size, results))
                weights.append((label, size, results["explorer"]))
                for name, result in results.items():
                    outside.setdefault(name, set()).update(result["outside"])
        finally:
            stop(static)
    report(options, rows, weights, outside, tiles)


def report(options, rows, weights, outside, tiles):
    print(
        f"Explorer and TimelineJS {timelinejs.VERSION}, headless Chromium {VIEWPORT['width']}×{VIEWPORT['height']}, "
        f"{options.runs} loads of each per size (median, range); select next: {options.presses} → presses per load"
    )
    print()
    print(f"| events | explorer | TimelineJS {timelinejs.VERSION} | ratio | floor | TimelineJS / floor |")
    print("| --- | --- | --- | --- | --- | --- |")
    goals = []
    for label, size, results in rows:
        text, value = ratio(results["timeline"]["paint"], results["explorer"]["paint"])
        best, most = ratio(results["timeline"]["paint"], results["floor"]["paint"])
        print(
            f"| {label} | {spread(results['explorer']['paint'])} | {spread(results['timeline']['paint'])} | {text} "
            f"| {spread(results['floor']['paint'])} | {best} |"
        )
        goals.append((f"paint, {label}", value, 2 if size is None else 10 if size < 10_000 else 20, most))
    for label, size, results in rows:
        if size is None:
            continue
        text, value = ratio(results["timeline"]["select"], results["explorer"]["select"])
        best, most = ratio(results["timeline"]["select"], results["floor"]["select"])
        print(
            f"| select next, {label} | {spread(results['explorer']['select'])} "
            f"| {spread(results['timeline']['select'])} | {text} | {spread(results['floor']['select'])} | {best} |"
        )
        goals.append((f"select next, {label}", value, 10, most))
    print()
    for name, value, goal, most in goals:
        print(f"goal ≥ {goal}× TimelineJS, {name}: {verdict(value, goal, most)}")
    print()
    for label, size, result in weights:
        kilobytes = statistics.median(result["bytes"]) / 1024
        budget = 100 if size is None else 300 if size >= 10_000 else None
        within = "" if budget is None else f": {'within' if kilobytes <= budget else 'OVER'} the {budget} KB goal"
        print(
            f"explorer's first load, {label}: {kilobytes:,.1f} KB in {statistics.median(result['requests']):.0f} "
            f"requests (compressed, headers included){within}"
        )
    for name, hosts in outside.items():
        if name == "floor":
            continue
        others = sorted(hosts - tiles)
        print(
            f"{name}: requests to other hosts (all refused): tiles {sorted(hosts & tiles) or 'none'}, "
            f"others {others or 'none'}"
        )
    for label, _size, result in weights:
        known = [figures for figures in result["marks"] if figures[0] is not None]
        if not known:
            print(f"explorer, {label}: no performance mark explorer-ready")
            continue
        mark, ready, painted = (milliseconds(statistics.median(column)) for column in zip(*known, strict=True))
        late = sum(figures[0] > figures[1] for figures in known)
        print(
            f"explorer, {label}: mark explorer-ready at {mark} ms, data-ready {ready} ms, painted {painted} ms"
            + (f" (the mark came after data-ready in {late} of {len(known)} loads)" if late else "")
        )


if __name__ == "__main__":
    main()
