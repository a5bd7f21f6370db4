"""Withheld names (``Actor.withhold_name``): nowhere public, still in the admin.

The leak test walks every public URL the resolver knows (not the admin), in every language and
format, with the slugs of the test content, and fails on any trace of the name, its other spellings,
its slug or the actor's private description in a body or a header.
"""

import html
import itertools
import json
import re
from urllib.parse import quote, quote_plus

import pytest
import reversion
from django.conf import settings
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from reversion.models import Version

from core.search import fold
from tests.factories import ActorFactory, EventFactory, PlaceFactory, SourceFactory
from timeline.models import Actor, Citation, Event
from timeline.search import search_field
from tours.models import Tour, TourStop

NAMES = {"en": "Zebulon Quixmaroff", "ru": "Зебулон Квиксмаров", "kk": "Зебұлон Қуиксмарұлы"}
ALT_NAMES = ["Z. Quixmarov", "Квиксмаров З."]
SLUG = "zebulon-quixmaroff"
PRIVATE_DESCRIPTION = "Welder at Ozenmunaigas, brigade 7b"
PUBLIC = {"en": "a worker who testified about torture", "ru": "рабочий, давший показания о пытках"}

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Every value the URLs' parameters get; a page that has no such object answers 404, which is fine.
FORMATS = ["json", "api", "csv", "geojson", "lpf"]


def secrets() -> list[str]:
    return [*NAMES.values(), *ALT_NAMES, SLUG, PRIVATE_DESCRIPTION]


def leaked_forms(secret: str) -> set[str]:
    """``secret`` as a page, JSON, an address or a search text may spell it, in lower case."""
    forms = {
        secret,
        html.escape(secret),
        json.dumps(secret)[1:-1],  # \uXXXX
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret),
        quote_plus(secret),
        quote(secret, safe=""),
        fold(secret),
    }
    return {form.lower() for form in forms if form}


FORBIDDEN = None


def leaks(text: str) -> list[str]:
    global FORBIDDEN
    if FORBIDDEN is None:
        FORBIDDEN = {form: secret for secret in secrets() for form in leaked_forms(secret)}
    lowered = text.lower()
    return sorted({secret for form, secret in FORBIDDEN.items() if form in lowered})


@pytest.fixture
def withheld(db):
    """A withheld person named in a published event with a place and sources, in a tour."""
    actor = Actor.objects.create(
        name_en=NAMES["en"],
        name_ru=NAMES["ru"],
        name_kk=NAMES["kk"],
        slug=SLUG,
        kind=Actor.Kind.PERSON,
        description_en=PRIVATE_DESCRIPTION,
        alt_names=", ".join(ALT_NAMES),
        withhold_name=True,
        public_description_en=PUBLIC["en"],
        public_description_ru=PUBLIC["ru"],
    )
    named = ActorFactory(name="Ozenmunaigas", slug="ozenmunaigas", kind=Actor.Kind.COMPANY)
    place = PlaceFactory(name="Zhanaozen", slug="zhanaozen")
    event = EventFactory(
        title_en="Workers testify in court",
        slug="2012-04-workers-testify",
        summary_en="Defendants said they had been tortured in custody.",
        place=place,
        cited=False,
    )
    event.actors.set([actor, named])
    Citation.objects.create(event=event, source=SourceFactory(slug="trial-report"), locator="“Testimony.”")
    Citation.objects.create(event=event, source=SourceFactory(slug="second-report"), locator="p. 3")
    other = EventFactory(slug="2011-12-16-shooting", place=place)
    tour = Tour.objects.create(title="The trial", slug="the-trial", status=Tour.Status.PUBLISHED)
    TourStop.objects.create(tour=tour, event=other, order=1)
    TourStop.objects.create(tour=tour, event=event, order=2, note="Ask what the testimony cost them.")
    return actor


def public_routes(resolver=None, prefix="") -> list[str]:
    """Every public route as a template (``events/<slug:slug>/``), the admin left out. Read in the
    active language (the language prefix of ``/ru/…``)."""
    resolver = resolver or get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == admin_site.name or pattern.app_name == "admin":
                continue
            routes += public_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            routes.append(prefix + str(pattern.pattern))
    return routes


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def substituted(route: str, chosen: dict[str, str]) -> str:
    return PARAMETER.sub(lambda match: chosen[match[1] or match[2]], route)


def filled(route: str, values: dict[str, list[str]]) -> list[str]:
    """The paths ``route`` takes with every combination of ``values`` for its parameters (as a path:
    a regex route loses its anchors, escapes and optional slash)."""
    names = [a or b for a, b in PARAMETER.findall(route)]
    paths = []
    for combination in itertools.product(*(values.get(name, ["1"]) for name in names)):
        path = substituted(route, dict(zip(names, combination, strict=True)))
        path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
        paths.append("/" + re.sub(r"\[[^\]]*\][+*]?", "anything", path))  # an unnamed group: any text
    return sorted(set(paths))


def public_urls(event, place, tour, actor, versions=("1", "2")) -> list[str]:
    values = {
        "slug": [event.slug, place.slug, tour.slug, actor.public_slug, "trial-report"],
        "format": FORMATS,
        "pk": [str(actor.pk), str(event.pk)],
        "version": list(versions),
    }
    routes = set()
    for language in LANGUAGES:
        with translation.override(language):
            routes.update(public_routes())
    return sorted({path for route in routes for path in filled(route, values)})


def queries(path: str, event, actor) -> list[str]:
    """What each address is also asked with (besides nothing): the filters, slides, formats, languages."""
    asked = [f"?actor={actor.public_slug}", f"?lang={LANGUAGES[-1]}"]
    if path.startswith("/api/"):
        return asked + [f"?format={name}" for name in FORMATS] + ["?format=csv&lang=ru", "?format=geojson&lang=kk"]
    return asked + [
        "?notes=1",
        f"?event={event.slug}",
        f"?events={event.slug}",
        f"?events={event.slug}&notes=1",
        f"?from=2011&event={event.slug}&notes=1",
    ]


def assert_no_leak(response, url):
    headers = "\n".join(f"{name}: {value}" for name, value in response.headers.items())
    body = b"".join(response.streaming_content) if response.streaming else response.content
    found = leaks(headers + "\n" + body.decode("utf-8", errors="replace"))
    assert not found, f"{url} ({response.status_code}) shows {found}"


def test_a_withheld_name_appears_nowhere_public(client, withheld):
    event = Event.objects.get(slug="2012-04-workers-testify")
    with reversion.create_revision():  # a published version, for the event's public history
        event.save()
    version = Version.objects.get_for_object(event).first()
    paths = public_urls(event, event.place, Tour.objects.get(), withheld, versions=[str(version.pk)])
    urls, served = [], 0
    for path in paths:
        response = client.get(path)
        # An address that is not found is not found with any query either: the next one.
        for url in (
            [path, *(path + query for query in queries(path, event, withheld))]
            if response.status_code != 404
            else [path]
        ):
            response = client.get(url)
            assert response.status_code < 500, url
            assert_no_leak(response, url)
            urls.append(url)
            served += response.status_code == 200
    # The walk reached the pages that show the person, in every language and format.
    for must in [
        f"/events/{event.slug}/",
        f"/ru/events/{event.slug}/",
        f"/kk/events/{event.slug}/panel/",
        f"/ru/events/{event.slug}/history/",
        f"/events/{event.slug}/history/{version.pk}/",
        "/",
        "/sources/",
        "/present/the-trial/?notes=1",
        "/kk/present/the-trial/handout/",
        f"/present/?events={event.slug}&notes=1",
        f"/ru/present/?from=2011&event={event.slug}&notes=1",
        "/api/actors/",
        f"/api/events/{event.slug}/",
        "/api/events/?format=csv",
        "/api/events/?format=geojson",
        f"/api/events/?actor={withheld.public_slug}",
        "/api/places/?format=lpf",
    ]:
        assert must in urls
    assert served > 100
    assert client.get(f"/events/{event.slug}/history/{version.pk}/").status_code == 200
    # The people are shown, as the public may see them.
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert PUBLIC["en"] in page
    assert "Ozenmunaigas" in page
    assert PUBLIC["ru"] in client.get(f"/ru/events/{event.slug}/").content.decode()


def test_searching_a_withheld_name_finds_nothing(client, withheld):
    event = Event.objects.get(slug="2012-04-workers-testify")
    for language in LANGUAGES:
        texts = getattr(event, search_field(language))
        assert fold("Ozenmunaigas") in texts
        assert not leaks(texts)
    for name in [*NAMES.values(), *ALT_NAMES, "Quixmaroff", "Квиксмаров"]:
        assert client.get("/api/events/", {"q": name}).json()["count"] == 0
        # (The pages say what was looked for, in the search box: that is the visitor's own text.)
        assert event.slug not in [shown.slug for shown in client.get("/", {"q": name}).context["events"]]
        assert event.slug not in client.get("/explorer/search.json", {"q": name}).json()["slugs"]
        assert event.slug not in client.get("/present/", {"q": name}).content.decode()
    # What the public reads is not a name: it is not searched either, but the event's own words are.
    assert client.get("/api/events/", {"q": "tortured"}).json()["count"] == 1


def test_the_public_identifier_filters_and_the_slug_does_not(client, withheld):
    public = withheld.public_slug
    assert public == f"withheld-{withheld.pk}"
    assert [e["slug"] for e in client.get("/api/events/", {"actor": public}).json()["results"]] == [
        "2012-04-workers-testify"
    ]
    # The slug made from the name would confirm a guess: it finds nothing.
    assert client.get("/api/events/", {"actor": SLUG}).json()["count"] == 0
    assert client.get("/api/events/", {"actor": "withheld-99999999999999999999999"}).json()["count"] == 0
    actors = client.get("/api/actors/").json()
    assert {
        "slug": public,
        "name": PUBLIC["en"],
        "name_withheld": True,
        "description": "",
        "alt_names": [],
    }.items() <= (next(actor for actor in actors if actor["slug"] == public).items())


def test_withholding_a_name_takes_it_out_of_the_search_at_once(client, db):
    actor = ActorFactory(name="Quentin Obscuro", slug="quentin-obscuro")
    event = EventFactory()
    event.actors.add(actor)
    assert client.get("/api/events/", {"q": "Obscuro"}).json()["count"] == 1
    actor.withhold_name, actor.public_description_en = True, "a witness"
    actor.save()
    assert client.get("/api/events/", {"q": "Obscuro"}).json()["count"] == 0


def test_a_withheld_name_needs_a_public_description(db):
    actor = ActorFactory.build(withhold_name=True)
    with pytest.raises(ValidationError) as raised:
        actor.full_clean()
    assert "public_description_en" in raised.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        actor.save()


# The admin: editors see the name, and texts that spell it out cannot go public.


def test_editors_see_and_edit_the_real_name(editor_client, withheld):
    page = editor_client.get(f"/{settings.ADMIN_URL}timeline/actor/{withheld.pk}/change/").content.decode()
    assert all(secret in page for secret in [NAMES["en"], NAMES["kk"], SLUG])


def event_form(event, **changes) -> dict:
    data = {
        "title_en": event.title_en,
        "slug": event.slug,
        "summary_en": event.summary_en,
        "body_en": event.body_en,
        "start_date": "2012-04-01",
        "date_precision": "month",
        "date_qualifier": "exact",
        "end_precision": "day",
        "end_qualifier": "exact",
        "place": event.place_id,
        "categories": [category.pk for category in event.categories.all()],
        "actors": [actor.pk for actor in event.actors.all()],
        "importance": 2,
        "day_order": 0,
        "status": "published",
        "citations-TOTAL_FORMS": 1,
        "citations-INITIAL_FORMS": 0,
        "citations-0-source": SourceFactory(slug="third").pk,
        "citations-0-locator_en": "p. 1",
        "citations-0-note_en": "",
        "accounts-TOTAL_FORMS": 0,
        "accounts-INITIAL_FORMS": 0,
        # The version the form was opened on (core.admin.LockedForm): the event as it is now.
        "opened_version": type(event).objects.values_list("version", flat=True).get(pk=event.pk),
    }
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


def test_the_admin_refuses_to_publish_a_text_that_names_a_withheld_person(publisher_client, small_team, withheld):
    editor_client = publisher_client  # who publishes: a publisher (timeline/review.py)
    event = EventFactory(slug="another", place=PlaceFactory(slug="aqtau"))
    url = f"/{settings.ADMIN_URL}timeline/event/{event.pk}/change/"
    response = editor_client.post(url, event_form(event, body_ru="Свидетель Зебулон Квиксмаров сказал…"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["body_ru"]
    assert "withheld" in errors["body_ru"][0]
    assert PUBLIC["en"] in errors["body_ru"][0]
    # A citation's passage too, and its note in any language.
    response = editor_client.post(url, event_form(event, **{"citations-0-locator_en": "“ZEBULON QUIXMAROFF said”"}))
    assert response.status_code == 200
    assert "withheld" in str(response.context["inline_admin_formsets"][0].formset.errors)
    response = editor_client.post(url, event_form(event, **{"citations-0-note_kk": f"{NAMES['kk']} айтты."}))
    assert response.status_code == 200
    assert "note_kk" in response.context["inline_admin_formsets"][0].formset.errors[0]
    # A draft may hold it while it is being rewritten; once the text no longer names them, it publishes.
    assert editor_client.post(url, event_form(event, status="draft", body_ru=NAMES["ru"])).status_code == 302
    assert (
        editor_client.post(
            url, event_form(event, body_ru=PUBLIC["ru"], **{"citations-0-source": SourceFactory(slug="fourth").pk})
        ).status_code
        == 302
    )


def test_withholding_a_name_warns_of_the_texts_that_still_spell_it_out(editor_client, db):
    actor = ActorFactory(name="Quentin Obscuro", slug="quentin-obscuro")
    event = EventFactory(title_en="Quentin Obscuro speaks")
    event.actors.add(actor)
    data = {
        "name_en": actor.name,
        "slug": actor.slug,
        "kind": "person",
        "withhold_name": "on",
        "public_description_en": "a witness",
        "opened_version": actor.version,
    }
    url = f"/{settings.ADMIN_URL}timeline/actor/{actor.pk}/change/"
    response = editor_client.post(url, data, follow=True)
    actor.refresh_from_db()
    assert actor.withhold_name
    warnings = [str(message) for message in response.context["messages"]]
    assert any(
        "still spell it out" in warning and f"/timeline/event/{event.pk}/change/" in warning for warning in warnings
    )
    # Without the description, it is refused with a message on the field.
    actor.refresh_from_db()
    response = editor_client.post(url, {**data, "public_description_en": "", "opened_version": actor.version})
    assert "public_description_en" in response.context["adminform"].form.errors


def post_changed(client, path, **changes):
    """Post the admin's form at ``path`` back as the page shows it, with ``changes``: (response, data)."""
    from tests.forms import form_data

    url = f"/{settings.ADMIN_URL}{path}"
    data = form_data(client.get(url).content.decode())
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data), data


def test_a_sources_note_naming_a_withheld_person_is_refused_in_any_language(editor_client, withheld):
    """The team's note on a source is translated: the Russian one that spells out a withheld name is
    refused as the English one is, for a source that events going public cite."""
    from timeline.models import Source
    from timeline.withheld import texts_naming

    source = Source.objects.get(slug="trial-report")
    response, _ = post_changed(
        editor_client, f"timeline/source/{source.pk}/change/", note_ru=f"Показания {NAMES['ru']}."
    )
    assert response.status_code == 200  # the form again, not saved
    assert "note_ru" in response.context["adminform"].form.errors
    source.refresh_from_db()
    assert not source.note_ru
    # Written past the admin (a load, a script), it is named among the texts to correct.
    Source.objects.filter(pk=source.pk).update(note_ru=f"Показания {NAMES['ru']}.")
    assert any(obj.pk == source.pk and "note_ru" in fields for obj, fields in texts_naming(withheld))


def test_a_citations_own_admin_page_refuses_a_withheld_name_as_the_events_page_does(editor_client, withheld):
    """The citation's own page in the admin checked nothing: a note there that spelt out a withheld name
    went public with the published event that cites it."""
    citation = Citation.objects.get(source__slug="trial-report")
    path = f"timeline/citation/{citation.pk}/change/"
    response, data = post_changed(editor_client, path, note_kk=f"{NAMES['kk']} айтты.")
    assert response.status_code == 200  # the form again, not saved
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["note_kk"]
    assert PUBLIC["en"] in errors["note_kk"][0]
    citation.refresh_from_db()
    assert not citation.note_kk
    # The same text on a draft's citation is kept while the draft is being written.
    draft = EventFactory(slug="a-draft", status="draft", cited=False)
    data["event"] = [str(draft.pk)]
    assert editor_client.post(f"/{settings.ADMIN_URL}{path}", data).status_code == 302


def test_an_account_where_sources_disagree_naming_a_withheld_person_is_refused(publisher_client, small_team, withheld):
    """The accounts side by side on an event's page (whose figure, what the source says, the passage,
    the note) reach the public as the citations do: the event's form refused a withheld name in a
    citation, not in an account."""
    event = EventFactory(slug="another", place=PlaceFactory(slug="aqtau"))
    url = f"/{settings.ADMIN_URL}timeline/event/{event.pk}/change/"
    third = SourceFactory(slug="third")
    account = {
        "accounts-TOTAL_FORMS": 1,
        "accounts-0-topic_en": "Who fired first",
        "accounts-0-source": third.pk,
        "accounts-0-claim_en": "The police fired first.",
        "accounts-0-locator_en": "p. 2",
        "accounts-0-according_to_ru": f"по словам {NAMES['ru']}",
        "accounts-0-order": 0,
    }
    response = publisher_client.post(url, event_form(event, **account))
    assert response.status_code == 200  # the form again, not saved
    accounts = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "accounts").formset
    assert list(accounts.errors[0]) == ["according_to_ru"]
    assert PUBLIC["en"] in accounts.errors[0]["according_to_ru"][0]
    assert not event.accounts.exists()
    # A draft may hold it while it is being rewritten.
    assert publisher_client.post(url, event_form(event, status="draft", **account)).status_code == 302
    assert event.accounts.get().according_to_ru == f"по словам {NAMES['ru']}"
    # Written, it keeps the draft from review and from publishing from the list, and withholding the
    # name again points to it.
    from timeline.review import withheld_problems
    from timeline.withheld import texts_naming

    assert withheld_problems(Event.objects.get(pk=event.pk))
    assert (event, ["account: according_to_ru"]) in texts_naming(withheld)


def test_a_tour_naming_a_withheld_person_is_refused_once_it_is_public(editor_client, withheld):
    """A tour's title and summary, and its stops' focus and teacher's note, are read by visitors and
    classes: a published tour that spells out a withheld name is refused, a draft kept."""
    from timeline.withheld import texts_naming

    tour = Tour.objects.get()
    path = f"tours/tour/{tour.pk}/change/"
    response, data = post_changed(editor_client, path, **{"stops-1-note_ru": f"Спросите, что сказал {NAMES['ru']}."})
    assert response.status_code == 200  # the form again, not saved
    stops = response.context["inline_admin_formsets"][0].formset
    assert list(stops.errors[1]) == ["note_ru"]
    assert PUBLIC["en"] in stops.errors[1]["note_ru"][0]
    response, _ = post_changed(editor_client, path, summary_kk=f"{NAMES['kk']} туралы.")
    assert list(response.context["adminform"].form.errors) == ["summary_kk"]
    tour.refresh_from_db()
    assert not tour.summary_kk
    assert not TourStop.objects.filter(note_ru__contains=NAMES["ru"]).exists()
    response, _ = post_changed(editor_client, path, status="draft", summary_kk=f"{NAMES['kk']} туралы.")
    assert response.status_code == 302
    assert any(obj.pk == tour.pk and "summary_kk" in fields for obj, fields in texts_naming(withheld))
    # Saving the person again lists it, linked to the tour's page, where it is edited.
    response, _ = post_changed(editor_client, f"timeline/actor/{withheld.pk}/change/")
    page = editor_client.get(response["Location"]).content.decode()
    assert f'href="/{settings.ADMIN_URL}tours/tour/{tour.pk}/change/"' in page
    assert "summary_kk" in page
