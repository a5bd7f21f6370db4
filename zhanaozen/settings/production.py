"""Production: PostgreSQL + PostGIS behind HTTPS. Passes ``manage.py check --deploy``."""

import os

from django.core.exceptions import ImproperlyConfigured

from zhanaozen.policies import add_headers

from .base import *  # noqa: F403
from .base import env_bool, env_int

# Static files from STATIC_ROOT (after collectstatic): hashed names, far-future caching, precompressed.
# WhiteNoise answers before the later middleware runs, right after SecurityMiddleware's (HSTS, nosniff,
# the referrer policy), as its documentation places it; a file a browser could open on its own gets a
# policy that lets nothing in it run, a script or a style sheet none (zhanaozen.policies).
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
WHITENOISE_ADD_HEADERS_FUNCTION = add_headers

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")

# Searches and downloads limited per address (see base.py); RATELIMIT_ENABLE=false turns them off.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)

# A sync worker keeps its database connection between requests (checked before reuse) instead of
# opening one for each: CONN_MAX_AGE seconds, 0 to close after every request (behind PgBouncer in
# transaction mode, say).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer's health check asks the app server itself, over plain HTTP: answered, not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Errors go to the standard output (where gunicorn and systemd or the container keep them), with
# their tracebacks; with ADMINS set ("Name <address>, …"), also by mail.
ADMINS = [tuple(part.strip().rstrip(">").split("<")) for part in os.environ.get("ADMINS", "").split(",") if "<" in part]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.request": {
            "handlers": ["stdout", *(["mail_admins"] if ADMINS else [])],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "zhanaozen.storage.StaticFilesStorage"}}  # noqa: F405
