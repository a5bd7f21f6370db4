"""Two-factor sign-in: a code from an authenticator app (TOTP) or a single-use recovery code."""

import re
from base64 import b32encode

import pytest
from django.contrib.auth import get_user_model
from django_otp import devices_for_user
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from editors.forms import make_recovery_codes
from tests.conftest import PASSWORD

LOGIN = "/admin/login/"
SET_UP = "/admin/two-factor/"


def code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def with_app(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def unthrottle(user):
    """django-otp makes a device wait after a wrong code (a second, then doubling): not in a test."""
    for device in devices_for_user(user):
        device.throttle_reset()


def sign_in(client, user, otp_token=""):
    data = {"username": user.username, "password": PASSWORD, "otp_token": otp_token, "next": "/admin/"}
    return client.post(LOGIN, data)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)


def test_an_editor_with_an_app_signs_in_with_password_and_code(client, editor):
    device = with_app(editor)
    assert sign_in(client, editor, code(device)).status_code == 302
    assert client.get("/admin/timeline/event/").status_code == 200


def test_an_editor_with_an_app_needs_the_code(client, editor):
    with_app(editor)
    response = sign_in(client, editor)
    assert "Enter the code from your authenticator app" in response.content.decode()
    assert not signed_in(client)


def test_a_wrong_code_is_refused(client, editor):
    device = with_app(editor)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = sign_in(client, editor, wrong)
    assert "That code is not right" in response.content.decode()
    assert not signed_in(client)


def test_a_password_alone_does_not_open_the_admin_to_a_user_with_an_app(client, editor):
    with_app(editor)
    client.force_login(editor)  # a session signed in without the second factor
    assert client.get("/admin/timeline/event/").status_code == 302


def test_a_recovery_code_works_once(client, editor):
    with_app(editor)
    recovery = make_recovery_codes(editor)
    assert len(recovery) == 10 == len(set(recovery))
    assert sign_in(client, editor, recovery[0].upper()).status_code == 302
    client.logout()
    assert "That code is not right" in sign_in(client, editor, recovery[0]).content.decode()
    assert not signed_in(client)
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_editors_are_not_required_to_use_two_factors_by_default(editor_client, settings):
    assert settings.TWO_FACTOR_REQUIRED_FOR == "superusers"
    assert editor_client.get("/admin/timeline/event/").status_code == 200
    page = editor_client.get("/admin/").content.decode()
    assert f'href="{SET_UP}">Two-factor sign-in</a>' in page  # but it is offered


def test_a_superuser_without_an_app_is_sent_to_set_it_up(client, superuser):
    response = sign_in(client, superuser)
    assert signed_in(client)
    assert client.get(response["Location"])["Location"] == SET_UP
    for path in ("/admin/", "/admin/timeline/event/", "/admin/auth/user/", "/admin/password_change/"):
        assert client.get(path)["Location"] == SET_UP, path
    assert client.get(SET_UP).status_code == 200


def test_with_the_staff_setting_every_editor_must_set_it_up(editor_client, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = "staff"
    assert editor_client.get("/admin/timeline/event/")["Location"] == SET_UP


def test_with_none_not_even_superusers_must(client, superuser, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = "none"
    client.force_login(superuser)
    assert client.get("/admin/auth/user/").status_code == 200


def test_setting_up_an_app_shows_recovery_codes_once_then_opens_the_admin(client, superuser):
    client.force_login(superuser)
    page = client.get(SET_UP).content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    assert secret == b32encode(device.bin_key).decode()
    assert "<script" not in page.split('id="content-main"')[1]
    assert client.get(SET_UP).content.decode().count(secret) == 1  # the same key until confirmed

    wrong = client.post(SET_UP, {"action": "confirm", "confirm-code": "000000" if code(device) != "000000" else "1"})
    assert "That code is not right" in wrong.content.decode()

    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes a device wait a second after a wrong code
    done = client.post(SET_UP, {"action": "confirm", "confirm-code": code(device)})
    page = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert client.get("/admin/auth/user/").status_code == 200  # this session is verified
    assert not re.findall(r"<code>[a-z2-7]{8}</code>", client.get(SET_UP).content.decode())  # shown once
    # Required: it cannot be turned off.
    assert "Turn off two-factor sign-in" not in client.get(SET_UP).content.decode()
    assert client.post(SET_UP, {"action": "off", "off-code": codes[0]}).status_code == 400
    assert TOTPDevice.objects.filter(user=superuser, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    device = with_app(editor)
    old = make_recovery_codes(editor)
    assert sign_in(client, editor, code(device)).status_code == 302
    refused = client.post(SET_UP, {"action": "codes", "codes-code": "nonsense"})
    assert "That code is not right" in refused.content.decode()
    unthrottle(editor)
    page = client.post(SET_UP, {"action": "codes", "codes-code": old[0]}).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10
    assert set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == set(new)


def test_an_editor_turns_it_off_with_a_current_code(client, editor):
    device = with_app(editor)
    recovery = make_recovery_codes(editor)
    assert sign_in(client, editor, code(device)).status_code == 302
    assert "Turn off two-factor sign-in" in client.get(SET_UP).content.decode()
    assert client.post(SET_UP, {"action": "off", "off-code": "wrong"}).status_code == 200
    assert TOTPDevice.objects.filter(user=editor).exists()
    unthrottle(editor)
    assert client.post(SET_UP, {"action": "off", "off-code": recovery[1]})["Location"] == SET_UP
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    client.logout()
    assert sign_in(client, editor).status_code == 302  # the password alone again


def test_wrong_codes_count_towards_the_lockout(client, editor):
    device = with_app(editor)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    for _attempt in range(10):
        sign_in(client, editor, wrong)
    assert sign_in(client, editor, code(device)).status_code == 429
