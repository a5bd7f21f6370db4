import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_createeditor_makes_a_staff_account_in_the_editors_group_not_a_superuser():
    call_command(
        "createeditor",
        "amina",
        email="amina@example.org",
        password_from_stdin=True,
        stdin=io.StringIO("a long enough passphrase\n"),
        stdout=io.StringIO(),
    )
    user = get_user_model().objects.get(username="amina")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password("a long enough passphrase")


def test_createeditor_refuses_a_weak_password_and_creates_nothing():
    with pytest.raises(CommandError, match="Nothing was created"):
        call_command("createeditor", "amina", password_from_stdin=True, stdin=io.StringIO("123\n"))
    assert not get_user_model().objects.exists()


def test_createeditor_refuses_a_taken_username():
    call_command(
        "createeditor",
        "amina",
        password_from_stdin=True,
        stdin=io.StringIO("a long enough passphrase\n"),
        stdout=io.StringIO(),
    )
    with pytest.raises(CommandError, match="already exists"):
        call_command("createeditor", "amina", password_from_stdin=True, stdin=io.StringIO("another long passphrase\n"))
