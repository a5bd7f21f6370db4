"""A response built once, however many requests ask for it at the same moment, on every process
that shares the cache (``CACHE_URL``: Redis for several workers or servers).

The first request to miss takes a lock in the cache (``cache.add``, which only one can win) and
builds; the others poll the cache for the result for a bounded time and serve it. If the builder
fails or dies, the lock is released or expires, and the next one to take it builds.
"""

import time
import uuid

from django.core.cache import cache

# How long a built response is kept. Its key holds the content's fingerprint, so an edit is never
# hidden by it: this only bounds how long the copies of older states stay in the cache.
TIMEOUT = 60 * 60
# The longest a build may hold the lock: a builder that died frees it after this. The explorer with
# 10 000 events takes seconds to build.
LOCK_SECONDS = 30
# How long the others wait for the builder before building themselves: below gunicorn's default
# worker timeout (30 s).
WAIT_SECONDS = 20
POLL_SECONDS = 0.05


def pause() -> None:
    """Wait a moment before looking again (a function of its own, so that tests can see who waits)."""
    time.sleep(POLL_SECONDS)


class SingleFlight:
    """``fetch()`` the cached value, or be told to build it (holding the lock when it could be
    taken); then ``store()`` what was built, if it may be kept, and ``release()`` in any case."""

    def __init__(self, key: str, *, timeout: int = TIMEOUT):
        self.key = key
        self.lock_key = f"{key}:building"
        self.timeout = timeout
        self.token = None

    def cached(self):
        """The cached value, or None, without waiting or taking the lock."""
        return cache.get(self.key)

    def fetch(self, *, looked: bool = False):
        """The cached value, perhaps after waiting for another's build; None: build it now.
        ``looked``: ``cached()`` has just found nothing, so the first look is spared."""
        if not looked:
            value = cache.get(self.key)
            if value is not None:
                return value
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            token = uuid.uuid4().hex
            if cache.add(self.lock_key, token, timeout=LOCK_SECONDS):
                self.token = token
                # Another may have stored it between the first look and the lock.
                value = cache.get(self.key)
                if value is not None:
                    self.release()
                return value
            if time.monotonic() >= deadline:
                return None  # the builder is slow: build too rather than wait any longer
            pause()
            value = cache.get(self.key)
            if value is not None:
                return value

    def store(self, value) -> None:
        cache.set(self.key, value, timeout=self.timeout)

    def release(self) -> None:
        """Let go of the lock if it is still ours (it may have expired and been taken by another)."""
        if self.token is not None:
            release_lock(self.lock_key, self.token)
        self.token = None


def release_lock(key: str, token: str) -> None:
    """Delete the lock ``key`` (taken with ``cache.add(key, token)``) if it still holds ``token``."""
    if cache.get(key) == token:
        cache.delete(key)
