"""Two app servers on one database and one Redis (README, "Configuration": CACHE_URL): each serves
what the other built, and an edit made anywhere shows on both at once. Real processes: two gunicorns
as ``make serve`` starts them (zhanaozen/gunicorn.conf.py, one worker each) on free ports, and a third
process that edits."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/2"
STARTUP_SECONDS = 20


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_answers(), reason=f"Redis is not answering at {REDIS_URL} (CI starts it: .ci/run)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def environment(tmp_path):
    """A SpatiaLite file with the schema and one published event, and the shared cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhanaozen.settings.test",
        "DATABASE_URL": f"spatialite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": REDIS_URL,
    }
    manage(env, "migrate", "--verbosity=0")
    manage(env, "shell", "-c", "from tests.factories import EventFactory; EventFactory(slug='walkout', title='Before')")
    return env


def manage(env, *arguments):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True, timeout=60)


@pytest.fixture
def servers(environment, tmp_path):
    processes, ports, logs = [], [], []
    try:
        for number in range(2):
            ports.append(free_port())
            logs.append(tmp_path / f"server{number}.log")
            with logs[-1].open("w") as log:
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "gunicorn", "--config", "zhanaozen/gunicorn.conf.py", "zhanaozen.wsgi"],
                        cwd=ROOT,
                        env={**environment, "HOST": "127.0.0.1", "PORT": str(ports[-1]), "WEB_CONCURRENCY": "1"},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        for port, process in zip(ports, processes, strict=True):
            wait_for(port, process)
        yield environment, ports, logs
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped while starting"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)  # polling a process's port: there is nothing to wait on instead
    pytest.fail(f"no server on port {port} after {STARTUP_SECONDS} s")


def page(port: int, host: str, path: str = "/events/walkout/") -> str:
    # The same Host on both, as behind a load balancer; a name of this test's own keeps its copies
    # apart from any other test's in the shared Redis.
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.read().decode()


def test_an_edit_shows_at_once_on_every_instance(servers):
    environment, (first, second), logs = servers
    host = f"{uuid.uuid4().hex}.example.org"
    assert "Before" in page(first, host)
    # A change behind Django's back (no timestamp moves, so the content's state does not either):
    # the second server, which never built the page, serves the first one's copy from Redis.
    database = sqlite3.connect(environment["DATABASE_URL"].removeprefix("spatialite:///"))
    with database:
        database.execute("UPDATE timeline_event SET title_en = 'Unseen' WHERE slug = 'walkout'")
    database.close()
    assert "Before" in page(second, host)
    # An edit as the admin makes it, from a third process: both serve it at once.
    manage(
        environment,
        "shell",
        "-c",
        "from timeline.models import Event; e = Event.objects.get(slug='walkout'); e.title_en = 'After'; e.save()",
    )
    assert "After" in page(second, host)
    assert "After" in page(first, host)
    assert "After" in page(second, host, "/?zzz=1")


def test_each_server_warmed_up_before_its_worker_started(servers):
    """zhanaozen/warmup.py, from gunicorn's when_ready: the master requested the pages of each language
    once, all answered, and the worker it forked then served."""
    _environment, (first, _second), logs = servers
    assert "Before" in page(first, "127.0.0.1")
    log = logs[0].read_text()
    assert "Warmed up in " in log
    assert "did not answer" not in log
    assert log.index("Warmed up in ") < log.index("Booting worker")
