import html
import re
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version

from tests.factories import ActorFactory, CategoryFactory, EventFactory, PlaceFactory, SourceFactory
from tests.forms import form_data
from timeline.models import Event

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/timeline/event/add/"


def event_form(*, status="published", with_citation=True, **overrides):
    place = PlaceFactory(slug="zhanaozen", name="Zhanaozen")
    category = CategoryFactory(slug="strike")
    data = {
        "title_en": "Ozenmunaigaz workers join the strike",
        "slug": "2011-05-16-ozenmunaigaz-joins",
        "summary_en": "Employees of Ozenmunaigaz joined the action.",
        "body_en": "They demonstrated against poor pay and working conditions.",
        "start_date": "2011-05-16",
        "date_precision": "day",
        "date_qualifier": "exact",
        "end_date": "",
        "end_precision": "day",
        "end_qualifier": "exact",
        "place": place.pk,
        "categories": [category.pk],
        "importance": "1",
        "day_order": "0",
        "status": status,
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": SourceFactory(slug="levy").pk if with_citation else "",
        "citations-0-locator_en": "“On 16 May, some employees of Ozenmunaigaz joined the action”"
        if with_citation
        else "",
        "citations-0-note_en": "",
        "accounts-TOTAL_FORMS": "0",
        "accounts-INITIAL_FORMS": "0",
        "accounts-MIN_NUM_FORMS": "0",
        "accounts-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_published_event_without_a_source_is_refused_with_a_clear_message(publisher_client, small_team):
    response = publisher_client.post(ADD_URL, event_form(with_citation=False))
    assert response.status_code == 200
    assert "A published event needs at least one source" in response.content.decode()
    assert not Event.objects.exists()


def test_draft_without_a_source_can_be_saved(editor_client):
    response = editor_client.post(ADD_URL, event_form(status="draft", with_citation=False))
    assert response.status_code == 302
    assert Event.objects.get().status == "draft"


def test_editor_can_add_a_cited_event(editor_client):
    response = editor_client.post(ADD_URL, event_form(status="review"))
    assert response.status_code == 302, response.context["adminform"].errors if response.context else response
    event = Event.objects.get()
    assert event.citations.get().source.slug == "levy"
    assert event.date_display == "16 May 2011"


def test_month_entered_mid_month_is_refused_with_an_explanation(editor_client):
    response = editor_client.post(ADD_URL, event_form(date_precision="month"))
    assert response.status_code == 200
    assert "first day of it" in response.content.decode()


def test_editor_cannot_reach_user_management(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/auth/user/" not in index
    assert "/admin/timeline/event/" in index


def test_editor_is_neither_superuser_nor_able_to_grant_permissions(editor):
    assert editor.is_staff
    assert not editor.is_superuser
    assert not editor.has_perm("auth.change_user")
    assert editor.has_perm("timeline.add_event")
    assert editor.has_perm("geo.change_place")


def test_every_change_is_kept_in_history(editor_client):
    editor_client.post(ADD_URL, event_form(status="draft"))
    event = Event.objects.get()
    data = event_form(status="draft", title_en="Ozenmunaigaz employees join the strike")
    data.update(
        {
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": event.citations.get().pk,
            "citations-0-event": event.pk,
            "citations-0-source": event.citations.get().source_id,
            "opened_version": event.version,  # the version the form was opened on (core.admin.LockedForm)
        }
    )
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/change/", data)
    assert response.status_code == 302
    versions = Version.objects.get_for_object(event)
    assert [v.field_dict["title_en"] for v in versions] == [
        "Ozenmunaigaz employees join the strike",
        "Ozenmunaigaz workers join the strike",
    ]
    assert versions[0].revision.user.username == "editor"
    history = editor_client.get(f"/admin/timeline/event/{event.pk}/history/").content.decode()
    actions = re.findall(r"<td>((?:Added|Changed)\b[^<]*)</td>", history)  # the history's rows, newest first
    assert [action.split(".")[0] for action in actions] == ["Changed Title [en]", "Added"]


def test_deleted_event_can_be_recovered_with_its_citation(editor_client):
    editor_client.post(ADD_URL, event_form(status="review"))
    event = Event.objects.get()
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Event.objects.exists()

    recover_list = editor_client.get("/admin/timeline/event/recover/").content.decode()
    assert "Ozenmunaigaz workers join the strike" in recover_list
    version = Version.objects.get_deleted(Event).get()
    form = editor_client.get(f"/admin/timeline/event/recover/{version.pk}/")
    assert form.status_code == 200
    assert "Ozenmunaigaz workers join the strike" in form.content.decode()

    response = editor_client.post(f"/admin/timeline/event/recover/{version.pk}/", form_data(form.content.decode()))
    assert response.status_code == 302
    recovered = Event.objects.get(slug="2011-05-16-ozenmunaigaz-joins")
    assert recovered.citations.count() == 1


def test_event_list_shows_date_as_displayed_place_status_and_number_of_sources(editor_client):
    EventFactory(
        title="Month event",
        start_date="2012-06-01",
        date_precision="month",
        place=PlaceFactory(slug="aktau", name="Aktau"),
    )
    page = editor_client.get("/admin/timeline/event/").content.decode()
    assert "June 2012" in page
    assert "Aktau" in page
    assert "published" in page.lower()
    assert 'class="field-source_count">1<' in page


def test_event_search_covers_actor_alternative_spellings(editor_client):
    event = EventFactory(title="Sentences in Aktau")
    event.actors.add(ActorFactory(name="Roza Tuletaeva", alt_names="Roza Tuletayeva"))
    page = editor_client.get("/admin/timeline/event/", {"q": "Tuletayeva"}).content.decode()
    assert "Sentences in Aktau" in page


def test_event_form_offers_view_on_site_and_autocomplete(editor_client):
    event = EventFactory(slug="shetpe")
    page = editor_client.get(f"/admin/timeline/event/{event.pk}/change/").content.decode()
    view_on_site = editor_client.get(f"/admin/r/{ContentType.objects.get_for_model(Event).pk}/{event.pk}/")
    assert view_on_site["Location"].endswith("/events/shetpe/")
    assert "View on site" in page
    assert "admin-autocomplete" in page


def test_superuser_only_can_manage_users(superuser_client):
    assert superuser_client.get("/admin/auth/user/").status_code == 200


@pytest.mark.parametrize("year", ["0", "99999", "10000", "-2011", "2011x", "²⁰¹¹"])
def test_a_year_no_date_can_have_is_ignored_with_a_message(editor_client, year):
    EventFactory(title="Strike begins", start_date="2011-05-16")
    EventFactory(title="Sentences in Aktau", start_date="2012-06-04")
    response = editor_client.get("/admin/timeline/event/", {"year": year})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f"“{year}” is not a year from 1 to 9999: the list shows every year." in page
    assert "Strike begins" in page
    assert "Sentences in Aktau" in page


@pytest.mark.parametrize(("year", "shown"), [("2011", ["Strike begins"]), ("9999", []), ("1", [])])
def test_the_year_filter_lists_the_events_of_that_year(editor_client, year, shown):
    EventFactory(title="Strike begins", start_date="2011-05-16")
    EventFactory(title="Sentences in Aktau", start_date="2012-06-04")
    response = editor_client.get("/admin/timeline/event/", {"year": year})
    assert response.status_code == 200
    assert [event.title for event in response.context["cl"].result_list] == shown
    assert "is not a year" not in response.content.decode()


def post_as_a_browser(client, url, data):
    """Post ``data`` form-encoded, as a browser sends a form without files (the test client's default,
    multipart, counts differently against DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")


def test_a_body_past_the_limit_comes_back_in_the_form_with_a_message(editor_client):
    body = "Жанаозен: the workers gathered on the square again.\r\n" * 60_000
    response = post_as_a_browser(editor_client, ADD_URL, event_form(body_en=body))
    assert response.status_code == 200
    message = (
        f"The body can have at most 100,000 characters; this one has {len(body.strip()):,}. "
        "Shorten it, or split it into several events."
    )
    assert response.context["adminform"].form.errors["body_en"] == [message]
    assert message in response.content.decode()
    [kept] = form_data(response.content.decode())["body_en"]
    assert kept.strip() == body.strip()
    assert not Event.objects.exists()


def test_a_body_at_the_limit_in_cyrillic_is_saved(editor_client):
    body = "Ж" * 100_000
    response = post_as_a_browser(editor_client, ADD_URL, event_form(status="review", body_en=body, body_ru=body))
    assert response.status_code == 302
    assert Event.objects.get().body == body


def test_an_event_saved_in_the_admin_is_found_by_the_names_of_its_people_in_any_language(editor_client):
    actor = ActorFactory(name_en="Roza Tuletaeva", name_kk="Роза Төлетаева")
    data = event_form(status="review", actors=[actor.pk])
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else response
    assert list(Event.objects.search("ТӨЛЕТАЕВА")) == [Event.objects.get()]
    assert list(Event.objects.search("Жаңаөзен")) == [Event.objects.get()]  # its place, Zhanaozen


def test_citing_the_same_source_twice_is_refused_with_a_message_not_an_error(editor_client):
    data = event_form()
    data.update(
        {
            "citations-TOTAL_FORMS": "2",
            "citations-1-source": data["citations-0-source"],
            "citations-1-locator_en": "“some employees of Ozenmunaigaz”",
            "citations-1-note_en": "",
        }
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for source" in response.content.decode()
    assert not Event.objects.exists()


def test_editor_can_mark_a_date_as_approximate(editor_client):
    response = editor_client.post(
        ADD_URL,
        event_form(status="review", start_date="2011-05-01", date_precision="month", date_qualifier="approximate"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(slug="2011-05-16-ozenmunaigaz-joins")
    assert event.date_qualifier == "approximate"
    assert event.date_display == "about May 2011"


def test_the_citations_own_admin_keeps_a_published_events_only_source(editor_client):
    """A published event cites at least one source: the event's page refuses to save it without one,
    and the citation's own page in the admin now refuses it too. Its only citation cannot be deleted
    there (alone or among others), nor moved to another event; a citation of an event that cites
    another source can."""
    from timeline.models import Citation

    published = EventFactory(slug="published", title="Police open fire")
    only = published.citations.get()
    twice = EventFactory(slug="twice")
    Citation.objects.create(event=twice, source=SourceFactory(slug="second"), locator="“Another.”")
    spare = twice.citations.first()

    page = editor_client.get(f"/admin/timeline/citation/{only.pk}/delete/").content.decode()
    assert "Police open fire" in html.unescape(page)
    assert "cites no other source" in html.unescape(page)
    response = editor_client.post(f"/admin/timeline/citation/{only.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the page again, saying why
    assert Citation.objects.filter(pk=only.pk).exists()

    action = {"action": "delete_selected", "_selected_action": [only.pk, spare.pk], "post": "yes"}
    response = editor_client.post("/admin/timeline/citation/", action)
    assert "cites no other source" in html.unescape(response.content.decode())
    assert Citation.objects.filter(pk__in=[only.pk, spare.pk]).count() == 2

    url = f"/admin/timeline/citation/{only.pk}/change/"
    data = form_data(editor_client.get(url).content.decode())
    data["event"] = [str(twice.pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "cites no other source" in response.context["adminform"].form.errors["event"][0]
    assert Citation.objects.get(pk=only.pk).event == published

    # Both of an event's citations chosen together would leave it none: refused.
    action = {"action": "delete_selected", "_selected_action": [c.pk for c in twice.citations.all()], "post": "yes"}
    response = editor_client.post("/admin/timeline/citation/", action)
    assert "cites no other source" in html.unescape(response.content.decode())
    assert twice.citations.count() == 2

    # The other event keeps a source: its first citation may go.
    response = editor_client.post(f"/admin/timeline/citation/{spare.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert twice.citations.count() == 1
