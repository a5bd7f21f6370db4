"""Sign-in that holds: after AXES_FAILURE_LIMIT wrong passwords, sign-in is refused for a while."""

from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db.models import F
from django.test import override_settings

from core.clients import client_address
from tests.conftest import PASSWORD

LOGIN = "/admin/login/"
LOCKED = "Signing in is locked after 10 wrong attempts"


def sign_in(client, username, password, address="203.0.113.5", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, times, username="editor", address="203.0.113.5"):
    for attempt in range(times):
        sign_in(client, username, f"wrong {attempt}", address)


def test_the_right_password_is_refused_after_ten_wrong_ones(client, editor):
    fail(client, 9)
    assert sign_in(client, "editor", "still wrong").status_code == 429  # the tenth locks
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "You can try again after" in page
    assert "Traceback" not in page
    assert 3500 <= int(response["Retry-After"]) <= 3600
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not_lock(client, editor):
    fail(client, 9)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_account_stays_locked_from_another_address(client, editor):
    for attempt in range(10):
        sign_in(client, "editor", f"wrong {attempt}", address=f"198.51.100.{attempt}")
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.77").status_code == 429


def test_an_address_stays_locked_across_usernames(client, editor):
    for attempt in range(10):
        sign_in(client, f"guess{attempt}", "wrong", address="203.0.113.9")
    assert sign_in(client, "editor", PASSWORD, address="203.0.113.9").status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="203.0.113.10").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, editor):
    fail(client, 10)
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    with override_settings(AXES_COOLOFF_TIME=timedelta(minutes=1)):
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=50))
        assert sign_in(client, "editor", PASSWORD).status_code == 429  # not yet
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=20))
        assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_a_locked_out_attempt_does_not_compute_the_password_hash(client, editor):
    fail(client, 10)
    with (
        mock.patch.object(MD5PasswordHasher, "encode", autospec=True) as encode,
        mock.patch.object(MD5PasswordHasher, "verify", autospec=True) as verify,
    ):
        assert sign_in(client, "editor", PASSWORD).status_code == 429
        assert sign_in(client, "nobody", "anything").status_code == 429
    encode.assert_not_called()
    verify.assert_not_called()


def test_a_wrong_attempt_before_the_lock_does_compute_it(client, editor):
    """The counterpart of the test above: the patch does see a hash when one is computed."""
    with mock.patch.object(MD5PasswordHasher, "verify", autospec=True, return_value=False) as verify:
        sign_in(client, "editor", "wrong")
    verify.assert_called_once()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_lockout_page_looks_like_the_admin(client, editor, lang):
    client.cookies["django_language"] = lang
    fail(client, 10)
    page = sign_in(client, "editor", PASSWORD).content.decode()
    assert 'id="site-name"' in page  # the admin's header


def test_a_forwarded_address_is_not_trusted_by_default(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"


def test_behind_trusted_proxies_the_address_they_appended_counts(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote 1.2.3.4 itself; our proxy appended the address it saw.
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert client_address(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "1.2.3.4"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == "127.0.0.1"  # fewer entries than proxies: not trusted


def test_behind_a_proxy_each_client_is_locked_out_alone(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(10):
        sign_in(client, f"guess{attempt}", "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert sign_in(client, "editor", PASSWORD, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


def test_the_sign_in_is_not_held_in_a_content_revisions_transaction(rf):
    """On SQLite, a transaction lasting as long as a password hash made concurrent sign-ins fail."""
    from editors.middleware import RevisionMiddleware

    middleware = RevisionMiddleware(lambda request: None)
    assert not middleware.request_creates_revision(rf.post(LOGIN))
    assert middleware.request_creates_revision(rf.post("/admin/timeline/event/add/"))
