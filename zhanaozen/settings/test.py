"""The test suite: ``make test``."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

# SpatiaLite tests run in memory, one database per process (pytest-xdist's workers included: a
# test database named after the file would be "test_/path/db.sqlite3_gw0", which cannot be opened).
if DATABASES["default"]["ENGINE"].endswith("spatialite"):  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"  # noqa: F405
    # One process's threads share that database (SQLite's shared cache), where BEGIN IMMEDIATE fails
    # at once with "database table is locked" instead of waiting its turn as on a file: the deferred
    # default, which is what the tests' single writer needs.
    DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)  # noqa: F405

# Rate limits off, whatever the environment says: a test that needs them turns them on.
RATELIMIT_ENABLE = False

# The content's state kept in the cache, as in production: one process per test worker, whose live
# server is a thread of it, shares one cache. Servers the tests start as processes have their own
# settings (CONTENT_STATE_CACHED follows their CACHE_URL).
CONTENT_STATE_CACHED = env_bool("CONTENT_STATE_CACHED", default=True)  # noqa: F405
