"""An event's public history (/events/<slug>/history/), its versions, and editors' credit."""

import datetime
import html
import re

import pytest
import reversion
from django.utils import translation
from reversion.models import Version

from editors.models import EditorProfile
from tests.factories import CategoryFactory, EventFactory, PlaceFactory, SourceFactory, UserFactory
from tests.inline import inline_scripts, inline_styles
from timeline.models import Citation, Event

pytestmark = pytest.mark.django_db

LONG_BODY = (
    "On 16 December 2011 police opened fire on striking oil workers and residents on the town square. "
    "The sources differ on how many people were killed and wounded; the official figure is given below, "
    "with what other sources said."
)


def save_version(event, *, user=None, **changes):
    """Change the event and record a revision, as the admin does."""
    for name, value in changes.items():
        setattr(event, name, value)
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        event.save()
    return Version.objects.get_for_object(event).order_by("pk").last()


@pytest.fixture
def event():
    """A published event with three published versions and a draft edit between the second and third."""
    event = EventFactory(slug="massacre", title="Police fire on strikers", body=LONG_BODY)
    save_version(event)
    save_version(event, title="Police open fire on strikers", summary="A new summary.")
    save_version(event, status=Event.Status.DRAFT, title="Secret working title", body="Secret draft text.")
    save_version(event, status=Event.Status.PUBLISHED, title="Police open fire on strikers", body=LONG_BODY)
    save_version(
        event,
        body=LONG_BODY.replace("how many people were killed", "how many were killed"),
    )
    return event


def published_ids(event):
    return [v.pk for v in Version.objects.get_for_object(event).order_by("pk") if "Secret" not in v.serialized_data]


def test_history_lists_only_published_versions_newest_first(client, event):
    page = client.get("/events/massacre/history/").content.decode()
    links = re.findall(r'href="/events/massacre/history/(\d+)/"', page)
    expected = [str(pk) for pk in reversed(published_ids(event))]
    assert links == expected
    assert len(links) == 4


def test_a_draft_edit_never_appears(client, event):
    draft = next(v for v in Version.objects.get_for_object(event) if "Secret" in v.serialized_data)
    page = client.get("/events/massacre/history/").content.decode()
    assert "Secret" not in page
    assert client.get(f"/events/massacre/history/{draft.pk}/").status_code == 404


def test_history_shows_what_changed_field_by_field(client, event):
    page = client.get("/events/massacre/history/").content.decode()
    # The title changed from the first version to the second: both values, marked.
    assert re.search(r"<del>.*Police fire on strikers</del>", page)
    assert re.search(r"<ins>.*Police open fire on strikers</ins>", page)
    assert "A new summary." in page
    # A long text is a text diff: only the words removed are struck through.
    removed = '<del><span class="visually-hidden">[removed: </span>people <span class="visually-hidden">]</span></del>'
    assert f"how many {removed}were killed" in page
    assert "First published version." in page


def test_diff_text_never_becomes_markup(client):
    event = EventFactory(slug="escaped", body=LONG_BODY)
    save_version(event)
    save_version(event, body=LONG_BODY + " <script>alert(1)</script><b>x</b>", title="<i>Title</i>")
    page = client.get("/events/escaped/history/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;Title&lt;/i&gt;" in page
    assert inline_scripts(page) == []
    assert inline_styles(page) == []


def test_changes_of_date_place_categories_and_sources_are_shown(client):
    strike = CategoryFactory(name="Strike", slug="strike")
    event = EventFactory(slug="moved", place=PlaceFactory(name="Aktau", slug="aktau"), categories=[strike])
    save_version(event)
    event.categories.add(CategoryFactory(name="Trial", slug="trial"))
    Citation.objects.create(event=event, source=SourceFactory(title="A later report", slug="later"), locator="p. 4")
    save_version(
        event,
        start_date=datetime.date(2011, 12, 1),
        date_precision="month",
        place=PlaceFactory(name="Zhanaozen", slug="zhanaozen"),
    )
    page = html.unescape(client.get("/events/moved/history/").content.decode())
    assert "16 December 2011" in page
    assert "December 2011" in page
    assert "Aktau" in page
    assert "Zhanaozen" in page
    assert re.search(r"<ins><span class=\"change-mark\">added:</span> Trial</ins>", page)
    assert "A later report" in page


def test_version_page_shows_the_text_as_it_then_read(client, event):
    first = published_ids(event)[0]
    response = client.get(f"/events/massacre/history/{first}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Police fire on strikers" in page
    assert "how many people were killed" in page
    assert f'<link rel="canonical" href="http://testserver/events/massacre/history/{first}/">' in page
    assert "A passage." in page  # its source then
    assert "<title>“Police fire on strikers” as published on" in html.unescape(page)
    assert inline_scripts(page) == []
    assert inline_styles(page) == []


def test_version_page_shows_the_body_as_sanitised_markdown(client):
    event = EventFactory(slug="marked", body="Police *opened fire*.<script>alert(1)</script>")
    version = save_version(event)
    page = client.get(f"/events/marked/history/{version.pk}/").content.decode()
    assert "<em>opened fire</em>" in page
    assert "<script>alert" not in page


@pytest.mark.parametrize("version", ["999999", "0", "99999999999999999999999"])
def test_unknown_version_is_not_found(client, event, version):
    assert client.get(f"/events/massacre/history/{version}/").status_code == 404


def test_a_version_of_another_event_is_not_found(client, event):
    other = EventFactory(slug="other")
    version = save_version(other)
    assert client.get(f"/events/massacre/history/{version.pk}/").status_code == 404
    assert client.get("/events/massacre/history/abc/").status_code == 404


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.REVIEW])
def test_history_of_an_unpublished_event_is_not_found(client, event, status):
    first = published_ids(event)[0]
    Event.objects.filter(pk=event.pk).update(status=status)
    assert client.get("/events/massacre/history/").status_code == 404
    assert client.get(f"/events/massacre/history/{first}/").status_code == 404


def test_editor_is_not_named_unless_they_chose_to_be(client):
    editor = UserFactory(username="quiet-editor", first_name="Quiet", last_name="Person", is_staff=True)
    event = EventFactory(slug="credited")
    version = save_version(event, user=editor)
    for url in ("/events/credited/history/", f"/events/credited/history/{version.pk}/"):
        page = client.get(url).content.decode()
        assert "quiet-editor" not in page
        assert "Quiet" not in page
        assert "Edited by" not in page

    EditorProfile.objects.create(user=editor, credit_as="")  # a profile that chose no credit
    assert "Edited by" not in client.get("/events/credited/history/").content.decode()

    EditorProfile.objects.filter(user=editor).update(credit_as="Jane Example")
    save_version(event, user=editor, title="A credited change")  # the content changes: fresh pages
    for url in ("/events/credited/history/", f"/events/credited/history/{version.pk}/"):
        page = client.get(url).content.decode()
        assert "Edited by Jane Example" in page
        assert "quiet-editor" not in page


def test_an_editor_who_withdraws_their_credit_is_no_longer_named_on_cached_pages(client):
    editor = UserFactory(username="was-credited", is_staff=True)
    EditorProfile.objects.create(user=editor, credit_as="Jane Example")
    event = EventFactory(slug="withdrawn")
    version = save_version(event, user=editor)
    urls = ("/events/withdrawn/history/", f"/events/withdrawn/history/{version.pk}/")
    for url in urls:
        assert "Edited by Jane Example" in client.get(url).content.decode()  # now cached

    EditorProfile.objects.filter(user=editor).update(credit_as="")  # no content changes
    for url in urls:
        assert "Jane Example" not in client.get(url).content.decode()


def test_event_page_says_when_it_last_changed_and_cites_the_version(client, event):
    latest = published_ids(event)[-1]
    page = html.unescape(client.get("/events/massacre/").content.decode())
    assert 'href="/events/massacre/history/"' in page
    assert re.search(r"Last changed: \d{1,2} \w+ \d{4}\s", page)
    version_url = f"http://testserver/events/massacre/history/{latest}/"
    cite = re.search(r'<textarea id="cite-text"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert "Version of " in cite
    assert version_url in cite
    assert f'href="{version_url}"' in page


def test_history_in_russian_shows_the_russian_texts(client):
    event = EventFactory(slug="translated", title="English title", summary="English summary.")
    save_version(event)
    with translation.override("ru"):
        save_version(event, title="Русское название", summary="Русское краткое описание.")
    with translation.override("ru"):
        save_version(event, title="Новое русское название")
    page = client.get("/ru/events/translated/history/").content.decode()
    assert "Новое русское название" in page
    assert "Русское название" in page
    first = Version.objects.get_for_object(event).order_by("pk").first()
    ru_first = client.get(f"/ru/events/translated/history/{first.pk}/").content.decode()
    # Not yet translated then: the English stands in, marked as English.
    assert 'lang="en"' in ru_first
    assert "English title" in ru_first
    # The English pages still read the English.
    assert "Новое русское название" not in client.get("/events/translated/history/").content.decode()


def test_history_pages_offer_their_other_languages(client, event):
    page = client.get("/events/massacre/history/").content.decode()
    assert '<link rel="alternate" hreflang="ru" href="http://testserver/ru/events/massacre/history/">' in page


def test_history_does_not_grow_queries_per_version(client, django_assert_max_num_queries):
    event = EventFactory(slug="busy", body=LONG_BODY)
    for number in range(12):
        save_version(event, title=f"Title {number}", body=f"{LONG_BODY} {number}")
        Citation.objects.create(event=event, source=SourceFactory(), locator=f"Passage {number}")
    with django_assert_max_num_queries(12):
        response = client.get("/events/busy/history/")
    assert len(re.findall(r'href="/events/busy/history/\d+/"', response.content.decode())) == 12
    with django_assert_max_num_queries(12):
        client.get(f"/events/busy/history/{Version.objects.get_for_object(event).first().pk}/")


def test_history_pages_are_cached_by_content(client, event, django_assert_max_num_queries):
    client.get("/events/massacre/history/")
    with django_assert_max_num_queries(1):  # the content's state only
        response = client.get("/events/massacre/history/")
    assert response.status_code == 200
    assert response["ETag"]


def test_versions_recorded_with_other_fields_or_unreadable_data_do_not_break_the_history(client):
    import json

    event = EventFactory(slug="migrated", title="Old title")
    old = save_version(event)
    data = json.loads(old.serialized_data)
    data[0]["fields"]["a_field_since_removed"] = 3
    Version.objects.filter(pk=old.pk).update(serialized_data=json.dumps(data))
    broken = save_version(event, title="Between")
    Version.objects.filter(pk=broken.pk).update(serialized_data="not json")
    save_version(event, title="New title")
    page = client.get("/events/migrated/history/").content.decode()
    assert "Old title" in page
    assert "New title" in page
    assert client.get(f"/events/migrated/history/{old.pk}/").status_code == 200
    assert client.get(f"/events/migrated/history/{broken.pk}/").status_code == 404
