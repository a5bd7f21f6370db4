"""The app as a visitor meets it, for the checks and benchmarks that drive a browser or a scanner
against it (scripts/lighthouse, scripts/observatory): a throwaway SpatiaLite database with the real
content and a static root built by collectstatic, served with the production settings (WhiteNoise,
hashed names, compressed responses) on a free loopback port.

    with served(scratch, build=[("make_synthetic_events", "1000")]) as site:
        urlopen(site.url + "/")
        site.manage("shell", "-c", "…").stdout
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(scratch, **overrides):
    """The environment of a production server whose database and static root live in ``scratch``."""
    return {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"spatialite:///{scratch}/site.sqlite3",
        "STATIC_ROOT": f"{scratch}/static",
        **overrides,
    }


def manage(env, *args):
    """``manage.py`` with these arguments; its output captured (``.stdout``), an error raised on failure."""
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


@dataclass
class Site:
    port: int
    env: dict

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args):
        return manage(self.env, *args)


@contextlib.contextmanager
def served(scratch, *, build=(), **overrides):
    """Migrate, load the content, run each of ``build``'s extra commands, collect the static files,
    then serve until the block ends. ``overrides`` are environment variables (SECURE_SSL_REDIRECT…)."""
    env = production_env(scratch, **overrides)
    for command in (("migrate", "--no-input"), ("load_content",), *build, ("collectstatic", "--no-input")):
        manage(env, *command)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("The server did not start.")
        yield Site(port, env)
    finally:
        server.terminate()
        server.wait()
