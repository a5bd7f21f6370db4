"""Local development: ``make run``. Not for a public server."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", default=True)
# A key for local use only; production refuses to start without SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
