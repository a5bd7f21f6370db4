"""Editors see an unpublished event at its own address; nobody else does, and no cache keeps it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from tests.factories import EventFactory
from timeline.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return EventFactory(slug="draft-event", title="A draft not yet reviewed", status="draft")


def test_an_editor_sees_a_draft_at_its_address_with_a_banner(editor_client, draft):
    response = editor_client.get("/events/draft-event/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A draft not yet reviewed" in html
    assert 'class="preview-banner"' in html
    assert "Not published." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert not response.has_header("ETag")


@pytest.mark.parametrize("status", ["draft", "review"])
def test_the_public_gets_not_found_even_after_an_editor_has_seen_it(editor_client, draft, status):
    Event.objects.filter(pk=draft.pk).update(status=status)
    assert editor_client.get("/events/draft-event/").status_code == 200
    assert Client().get("/events/draft-event/").status_code == 404
    assert Client().get("/ru/events/draft-event/").status_code == 404


def test_a_staff_session_without_the_second_factor_it_has_sees_no_draft(superuser_client, draft):
    from django_otp import DEVICE_ID_SESSION_KEY

    session = superuser_client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()
    assert superuser_client.get("/events/draft-event/").status_code == 404


def test_an_editor_sees_a_published_event_as_everyone_does(editor_client):
    EventFactory(slug="public-event", title="Public", status="published")
    public = Client().get("/events/public-event/")
    seen = editor_client.get("/events/public-event/")
    assert seen.status_code == public.status_code == 200
    assert "preview-banner" not in seen.content.decode()
    assert seen["ETag"] == public["ETag"]  # the one cached page


def test_view_on_site_opens_a_draft_for_an_editor(editor_client, draft):
    content_type = ContentType.objects.get_for_model(Event)
    response = editor_client.get(f"/admin/r/{content_type.pk}/{draft.pk}/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/events/draft-event/")
    assert "Not published." in response.content.decode()


def test_a_public_request_reads_no_session(draft):
    response = Client().get("/events/draft-event/")
    assert "Cookie" not in response.get("Vary", "")
