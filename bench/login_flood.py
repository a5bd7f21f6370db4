"""Benchmark the login as a denial-of-service lever: `/` while 20 connections post wrong passwords.

Not a test: it prints figures. It serves the app with gunicorn (2 workers, as in production) on
127.0.0.1 only, with the real password hasher (PBKDF2; the test settings' MD5 would hide the cost),
from a throwaway SpatiaLite database with the content loaded and one editor. Then it measures `/`
alone for a few seconds, and again for 30 s while 20 connections post wrong passwords for that
editor to the admin's login (each with a valid CSRF cookie and token), and prints requests per
second and latency for both. It stops by itself and sends traffic only to 127.0.0.1.

    .venv/bin/python bench/login_flood.py
    .venv/bin/python bench/login_flood.py --seconds 10 --connections 5

Figures (2026-11-26, this project's 2-core machine, quiet; details in bench/README.md): `/` alone
165 requests/s; under the flood, before (46a882d, no lockout) 0.4 requests/s, median 2 387 ms; after
(django-axes: locked-out sign-ins refused before any hash) 11.3 requests/s, median 86 ms, with 6 478
wrong sign-ins answered in the 30 s instead of 258.
"""

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address this benchmark ever sends to
USERNAME = "editor"
PASSWORD = "a long and correct password"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30, help="how long the flood lasts (default 30)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent wrong logins (default 20)")
    parser.add_argument("--quiet-seconds", type=int, default=5, help="`/` measured alone first (default 5)")
    parser.add_argument("--server-log", type=Path, help="write gunicorn's output (errors) to this file")
    parser.add_argument(
        "--external",
        metavar="URL",
        help="measure a server already running at this address on 127.0.0.1 (bench/load.sh's) instead of starting one",
    )
    args = parser.parse_args()
    if args.external:
        address = urllib.parse.urlsplit(args.external)
        if address.hostname != HOST or not address.port:
            parser.error(f"--external must be http://{HOST}:PORT: this benchmark sends traffic to {HOST} only")
        args.port = address.port
    if not (1 <= args.seconds <= 120 and 1 <= args.connections <= 50 and 1 <= args.quiet_seconds <= 30):
        parser.error("--seconds is 1–120, --connections 1–50, --quiet-seconds 1–30")
    return args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def admin_url() -> str:
    return "/" + os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"


def login_form(port):
    """A CSRF cookie and the matching form token, as a browser has them on the login page."""
    status, headers, body = request(port, "GET", admin_url() + "login/")
    assert status == 200, status
    cookie = next(
        value.split(";")[0] for name, value in headers if name.lower() == "set-cookie" and "csrftoken" in value
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return cookie, token


def flood(port, connections, seconds, counts):
    """Post wrong passwords from ``connections`` threads until ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def attack(number):
        cookie, token = login_form(port)
        attempt = 0
        while time.monotonic() < deadline:
            attempt += 1
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "username": USERNAME, "password": f"wrong-{number}-{attempt}"}
            )
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
            try:
                status, _headers, _body = request(port, "POST", admin_url() + "login/", body, headers)
            except OSError:
                status = "error"
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=attack, args=(number,), daemon=True) for number in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 90)


def flood_process(port, connections, seconds, queue):
    counts = {}
    flood(port, connections, seconds, counts)
    queue.put(counts)


def measure(port, seconds, settle=0):
    """GET / one after the other for ``seconds``: requests per second and latencies (ms), over the
    whole time and over the time after the first ``settle`` seconds."""
    answered, errors = [], 0
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        begun = time.perf_counter()
        try:
            status, _headers, _body = request(port, "GET", "/")
            ok = status == 200
        except OSError:
            ok = False
        if ok:
            answered.append((time.monotonic() - started, (time.perf_counter() - begun) * 1000))
        else:
            errors += 1
    elapsed = time.monotonic() - started
    whole = (len(answered) / elapsed, [latency for _at, latency in answered], errors)
    later = [latency for at, latency in answered if at - latency / 1000 >= settle]
    return whole, (len(later) / (elapsed - settle) if elapsed > settle else 0.0, later, 0)


def describe(label, rate, times, errors):
    if not times:
        return f"{label}: no `/` answered ({errors} errors)"
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return (
        f"{label}: {rate:.1f} requests/s on `/`, latency median {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, max {max(times):.0f} ms ({len(times)} answered, {errors} errors)"
    )


def flood_beside_home(port, args, server):
    request(port, "GET", "/")  # warm up both caches' first page
    request(port, "GET", "/")
    print(f"{server}; {args.connections} connections of wrong logins for {args.seconds} s")
    print(describe("alone", *measure(port, args.quiet_seconds)[0]))

    queue = multiprocessing.Queue()
    attacker = multiprocessing.Process(
        target=flood_process, args=(port, args.connections, args.seconds, queue), daemon=True
    )
    attacker.start()
    time.sleep(1)  # let every attacking connection get its form first
    settle = min(10, args.seconds // 3)
    whole, later = measure(port, args.seconds - 1, settle=settle)
    print(describe("under the flood", *whole))
    print(describe(f"  of which after its first {settle} s", *later))
    attacker.join(timeout=120)
    counts = queue.get(timeout=10) if not attacker.is_alive() else {}
    if attacker.is_alive():
        attacker.terminate()
    answered = ", ".join(f"{count} × {status}" for status, count in sorted(counts.items(), key=str))
    print(f"wrong logins answered: {sum(counts.values())} ({answered})")


def main():
    args = parse_args()
    if args.external:
        flood_beside_home(args.port, args, f"the server at {args.external}")
        return
    with tempfile.TemporaryDirectory(prefix="zhanaozen-flood-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.dev",  # the default (PBKDF2) hashers
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": f"spatialite:///{Path(tmp) / 'flood.sqlite3'}",
        }
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "--no-input"], ["load_content"]):
            subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        create = (
            "from timeline.services import create_editor; "
            f"create_editor(username={USERNAME!r}, email='editor@example.org', password={PASSWORD!r})"
        )
        subprocess.run([*manage, "shell", "-c", create], cwd=ROOT, env=env, check=True, capture_output=True)

        port = free_port()
        log = open(args.server_log, "w") if args.server_log else subprocess.DEVNULL  # noqa: SIM115
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "zhanaozen.wsgi", "--workers", "2", "--bind", f"{HOST}:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            for _ in range(100):
                try:
                    if request(port, "GET", "/healthz", timeout=2)[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                raise SystemExit("gunicorn did not start")
            flood_beside_home(port, args, "gunicorn, 2 workers, PBKDF2")
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            if args.server_log:
                log.close()


if __name__ == "__main__":
    main()
