"""The page of demands: what is published, "asked / what happened", the untranslated marked,
linked from the header and from the events it concerns, cached by the content's state."""

from pathlib import Path

import pytest
from django.utils import translation

from tests.factories import DemandFactory, EventFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demands(db):
    sentence = EventFactory(slug="sokolova-sentenced", title="Natalia Sokolova sentenced to six years")
    release = DemandFactory(slug="release-sokolova", text="To release Natalia Sokolova.", order=1)
    OutcomeFactory(demand=release, event=sentence, note="The sources used here do not record her release.")
    investigation = DemandFactory(
        slug="investigation",
        made_by="Kazakh civil society",
        text="An independent international investigation.",
        order=2,
    )
    draft_event = EventFactory(slug="secret-event", title="Secret event", status="draft")
    OutcomeFactory(demand=investigation, event=draft_event, note="Secret note.")
    DemandFactory(slug="secret-demand", text="Secret demand.", status="draft")
    return {"release": release, "investigation": investigation, "sentence": sentence}


def test_the_page_shows_each_published_demand_with_what_happened(client, demands):
    response = client.get("/demands/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="release-sokolova"' in html
    assert "To release Natalia Sokolova." in html
    assert 'href="/events/sokolova-sentenced/"' in html
    assert "The sources used here do not record her release." in html
    # The source is on the page, with the passage that makes the demand.
    assert demands["release"].source.title in html
    assert "to release the arrested participants of the strike from custody;" in html


def test_a_demand_nothing_answered_says_so(client, demands):
    html = client.get("/demands/").content.decode()
    item = html[html.index('id="investigation"') :]
    assert "The sources used here record no event that answered it." in item[: item.index("</li>")]


def test_drafts_and_unpublished_events_stay_off_the_page(client, demands):
    html = client.get("/demands/").content.decode()
    assert "Secret" not in html


def test_the_header_links_to_the_demands(client, demands):
    assert 'href="/demands/"' in client.get("/sources/").content.decode()


def test_an_event_links_to_the_demands_it_answered_or_did_not(client, demands):
    html = client.get("/events/sokolova-sentenced/").content.decode()
    assert 'href="/demands/#release-sokolova"' in html


def test_an_untranslated_demand_falls_back_to_english_marked_as_such(client, demands):
    html = client.get("/ru/demands/").content.decode()
    assert '<span lang="en" class="untranslated"' in html
    assert "To release Natalia Sokolova." in html
    with translation.override("ru"):
        demand = demands["release"]
        demand.text_ru = "Освободить Наталью Соколову."
        demand.save()
    html = client.get("/ru/demands/").content.decode()
    assert "Освободить Наталью Соколову." in html


def test_the_page_is_cached_by_the_contents_state(client, demands):
    first = client.get("/demands/")
    again = client.get("/demands/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    DemandFactory(slug="new-demand", text="A new demand.")
    changed = client.get("/demands/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "A new demand." in changed.content.decode()


def test_the_page_prints_without_the_sites_chrome(client, demands):
    html = client.get("/demands/").content.decode()
    assert "demands/demands.css" in html
    css = (Path(__file__).parents[2] / "demands/static/demands/demands.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".site-header" in print_rules
    assert "display: none" in print_rules
