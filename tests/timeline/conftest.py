"""The content loaded once for a module of tests that only read it."""

import pytest
from django.conf import settings
from django.db import transaction

from timeline.services import load_content


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The content, loaded once for the module that asks for it, in a transaction rolled back after
    its last test; each test's own transaction runs inside it, and is rolled back after the test, so
    what a test writes is gone for the next one. A load takes some ten seconds on PostGIS.

    A module that uses it has no module-wide ``django_db`` mark: each test's database access comes
    from ``content`` (after the load, so that its transaction nests inside the load's), and a test
    that needs an empty database belongs in another module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_content(directory=settings.CONTENT_FIXTURES_DIR)
        transaction.set_rollback(True)


@pytest.fixture
def content(loaded, db):
    return loaded
