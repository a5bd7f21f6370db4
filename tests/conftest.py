import pytest

from timeline.services import create_editor

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db):
    return create_editor(username="editor", email="editor@example.org", password=PASSWORD)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages are cached per state of the content; no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
