import pytest
from django.conf import settings
from django.utils import translation

from timeline.services import create_editor

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db):
    return create_editor(username="editor", email="editor@example.org", password=PASSWORD)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher(db):
    """A publisher (timeline/review.py): in the Editors and the Publishers groups."""
    return create_editor(username="publisher", email="publisher@example.org", password=PASSWORD, publisher=True)


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture
def small_team(settings):
    """A publisher may publish what they changed themselves (settings.PUBLISH_OWN_CHANGES)."""
    settings.PUBLISH_OWN_CHANGES = True


@pytest.fixture
def superuser_client(client, db):
    """A superuser signed in with a second factor, as TWO_FACTOR_REQUIRED_FOR requires by default."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages are cached per state of the content, and the rate limits count there; no test sees
    another's (nor the refusals a process remembers: core.ratelimits)."""
    from django.core.cache import cache

    from core.ratelimits import forget_refusals

    cache.clear()
    forget_refusals()
    yield
    cache.clear()
    forget_refusals()


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in the default language, whatever the request before it chose: a translated
    field written without a suffix (``title``) goes to the active language's column."""

    with translation.override(settings.LANGUAGE_CODE):
        yield
