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

# Rate limits off, whatever the environment says: a test that needs them turns them on.
RATELIMIT_ENABLE = False
