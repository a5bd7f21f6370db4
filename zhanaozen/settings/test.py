"""The test suite: ``make test``."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
# Rate limits off, whatever the environment says: a test that needs them turns them on.
RATELIMIT_ENABLE = False
