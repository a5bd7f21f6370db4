"""Each editor chooses their own public credit in the admin, and sees no one else's."""

import pytest
from django.contrib.auth import get_user_model

from editors.models import EditorProfile, public_credit
from timeline.services import create_editor

pytestmark = pytest.mark.django_db


def test_an_editor_is_not_credited_by_default(editor):
    assert public_credit(editor) == ""
    assert public_credit(None) == ""
    EditorProfile.objects.create(user=editor, credit_as="  Jane Example ")
    editor.refresh_from_db()
    assert public_credit(editor) == "Jane Example"


def test_an_editor_sets_their_own_credit(editor_client, editor):
    response = editor_client.get("/admin/editors/editorprofile/")
    assert response.status_code == 302
    assert response["Location"].endswith("/admin/editors/editorprofile/mine/")
    response = editor_client.get("/admin/editors/editorprofile/mine/")
    assert response["Location"].endswith("/admin/editors/editorprofile/add/")
    form = editor_client.get("/admin/editors/editorprofile/add/").content.decode()
    assert 'name="user"' not in form
    response = editor_client.post("/admin/editors/editorprofile/add/", {"credit_as": "Jane Example"})
    assert response.status_code == 302
    profile = EditorProfile.objects.get()
    assert (profile.user, profile.credit_as) == (editor, "Jane Example")
    assert editor_client.get("/admin/editors/editorprofile/mine/")["Location"].endswith(
        f"/admin/editors/editorprofile/{profile.pk}/change/"
    )
    response = editor_client.post(f"/admin/editors/editorprofile/{profile.pk}/change/", {"credit_as": ""})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.credit_as == ""


def test_an_editor_can_neither_see_nor_change_another_editors_credit(editor_client):
    other = create_editor(username="other", email="other@example.org", password="correct horse battery staple")
    profile = EditorProfile.objects.create(user=other, credit_as="Someone Else")
    assert editor_client.get(f"/admin/editors/editorprofile/{profile.pk}/change/").status_code in {302, 403, 404}
    editor_client.post(f"/admin/editors/editorprofile/{profile.pk}/change/", {"credit_as": "Changed"})
    profile.refresh_from_db()
    assert profile.credit_as == "Someone Else"


def test_a_superuser_sees_every_editors_credit(superuser_client, editor):
    EditorProfile.objects.create(user=editor, credit_as="Jane Example")
    page = superuser_client.get("/admin/editors/editorprofile/").content.decode()
    assert "Jane Example" in page
    assert get_user_model().objects.count() == 2
