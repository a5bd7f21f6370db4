"""Benchmark the API: time per request of /api/events/ (and the other endpoints) with 10 000 events.

Not a test: it prints figures to compare against the budget in DESIGN.md (``/api/events/`` with
10 000 events in ≤ 300 ms median, on SpatiaLite and on PostGIS, with a fixed number of queries).

    .venv/bin/python bench/bench_api.py                     # SpatiaLite, in a temporary file
    DATABASE_URL=postgis://postgres@127.0.0.1:5432/zhanaozen_api .venv/bin/python bench/bench_api.py
    .venv/bin/python bench/bench_api.py --events 1000 --requests 50

It builds a throwaway database (a temporary SpatiaLite file, or ``bench_<name>`` next to the
PostgreSQL database named in DATABASE_URL, which itself is left alone), loads the content and the
synthetic events, then sends requests through Django's test client (the whole middleware stack, no
network) and removes the database again.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The endpoints measured besides /api/events/, with fewer requests for the whole-list downloads.
OTHERS = [
    ("/api/events/?from=2011-05&to=2011-12&category=strike,protest", 1),
    ("/api/events/2011-12-16-zhanaozen-shooting/", 1),
    ("/api/places/", 1),
    ("/api/events/?format=geojson", 5),
    ("/api/events/?format=csv", 5),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events to add (default 10 000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per endpoint (default 30)")
    parser.add_argument("--gzip", action="store_true", help="ask for compressed responses, as browsers do")
    return parser.parse_args()


def setup_django(tmp: Path):
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhanaozen.settings.test"
    os.environ.setdefault("DATABASE_URL", f"spatialite:///{tmp / 'unused.sqlite3'}")
    import django

    django.setup()
    from django.db import connection

    # Never the database in DATABASE_URL itself, nor the test suite's test_<name>.
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    return connection


def timed(client, url, count, headers):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url, **headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code in {200, 304}, (url, response.status_code)
    return times, response


def p95(times):
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def queries(client, url, headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, **headers)
    return len(captured)


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="zhanaozen-bench-") as tmp:
        connection = setup_django(Path(tmp))
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment, teardown_test_environment

        from timeline.models import Event
        from timeline.synthetic import make_synthetic_events

        setup_test_environment()
        database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            call_command("load_content", stdout=io.StringIO())
            make_synthetic_events(count=args.events)
            published = Event.objects.published().count()
            backend = "PostGIS" if connection.vendor == "postgresql" else "SpatiaLite"
            print(f"{backend} ({database}), {published} published events, {args.requests} requests per endpoint")

            client = Client()
            headers = {"HTTP_ACCEPT_ENCODING": "gzip"} if args.gzip else {}
            timed(client, "/api/events/", 3, headers)  # warm up: imports, URL resolver, connection
            print(f"{'':52} {'median':>9} {'p95':>9} {'queries':>8} {'bytes':>10}")

            def report(url, count, extra=None):
                times, response = timed(client, url, count, {**headers, **(extra or {})})
                label = url if not extra else f"{url} (If-None-Match: 304)"
                size = len(response.content)
                number = queries(client, url, {**headers, **(extra or {})})
                print(f"{label:52} {statistics.median(times):7.1f}ms {p95(times):7.1f}ms {number:8} {size:10}")
                return response, statistics.median(times)

            first, median = report("/api/events/", args.requests)
            report("/api/events/", args.requests, {"HTTP_IF_NONE_MATCH": first["ETag"]})
            for url, share in OTHERS:
                report(url, max(3, args.requests // share))
            verdict = "within" if median <= 300 else "OVER"
            print(f"/api/events/ median {median:.1f} ms: {verdict} the 300 ms budget")
        finally:
            connection.creation.destroy_test_db(database, verbosity=0)
            teardown_test_environment()


if __name__ == "__main__":
    main()
