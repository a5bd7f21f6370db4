"""Benchmark the explorer in headless Chromium: page weight, time to interactive, time to select.

Not a test: it prints figures to compare against the budgets in DESIGN.md (first load ≤ 150 KB
compressed, interactive ≤ 1 s, selecting an event ≤ 100 ms with 10 000 events).

    .venv/bin/python bench/bench_explorer.py              # the real content
    .venv/bin/python bench/bench_explorer.py --synthetic 10000

It builds a throwaway SpatiaLite database and static root, serves them with the production settings
(WhiteNoise, compressed responses) on a free loopback port, and blocks every other host.
"""

import argparse
import os
import statistics
import tempfile
from urllib.parse import urlsplit

from served import served  # bench/served.py: the app in production settings, as a visitor meets it

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def measure(base, runs, selections):
    from playwright.sync_api import sync_playwright

    own = urlsplit(base).netloc
    results = {"bytes": [], "requests": [], "outside": set(), "interactive": [], "select": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        for run in range(runs):
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            responses = []

            def route(route):
                if urlsplit(route.request.url).netloc == own:
                    route.continue_()
                else:
                    results["outside"].add(urlsplit(route.request.url).netloc)
                    route.abort()

            page.route("**/*", route)
            page.on("requestfinished", lambda request, seen=responses: seen.append(request))
            page.goto(base + "/", wait_until="load")
            page.wait_for_selector("#explorer[data-ready=true]")
            page.wait_for_load_state("networkidle")
            sizes = [request.sizes() for request in responses if urlsplit(request.url).netloc == own]
            results["bytes"].append(sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes))
            results["requests"].append(len(sizes))
            results["interactive"].append(page.evaluate("performance.getEntriesByName('explorer-ready')[0].startTime"))
            if run == 0:
                slugs = page.evaluate(
                    f"[...document.querySelectorAll('.event-item')].map(i => i.dataset.slug)"
                    f".filter((_, n, all) => n % Math.max(1, Math.floor(all.length / {selections})) === 0)"
                    f".slice(0, {selections})"
                )
                for slug in slugs:
                    # From the click to the next frame painted after the selection's work.
                    took = page.evaluate(
                        """slug => new Promise(done => {
                            const link = document.querySelector(`#event-${CSS.escape(slug)} h3 a`);
                            document.getElementById('details-close').click();
                            const start = performance.now();
                            link.click();
                            requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
                        })""",
                        slug,
                    )
                    results["select"].append(took)
            context.close()
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", type=int, default=0, help="add this many synthetic events")
    parser.add_argument("--runs", type=int, default=5, help="page loads to measure")
    parser.add_argument("--selections", type=int, default=20, help="events to select")
    options = parser.parse_args()

    build = [("make_synthetic_events", str(options.synthetic))] if options.synthetic else []
    with tempfile.TemporaryDirectory() as scratch, served(scratch, build=build, SECURE_SSL_REDIRECT="false") as site:
        results = measure(site.url, options.runs, options.selections)

    events = "the real content" + (f" + {options.synthetic} synthetic events" if options.synthetic else "")
    print(f"Explorer with {events}; {options.runs} loads, {len(results['select'])} selections")
    print(
        f"  transferred on first load: {statistics.median(results['bytes']) / 1024:.1f} KB "
        f"in {statistics.median(results['requests']):.0f} requests (compressed, headers included)"
    )
    print(f"  requests to other hosts (blocked): {sorted(results['outside']) or 'none'}")
    print(
        f"  interactive after: median {statistics.median(results['interactive']):.0f} ms, "
        f"max {max(results['interactive']):.0f} ms"
    )
    if results["select"]:
        print(
            f"  selecting an event: median {statistics.median(results['select']):.1f} ms, "
            f"max {max(results['select']):.1f} ms"
        )


if __name__ == "__main__":
    main()
