import datetime
from types import SimpleNamespace

import pytest
from django.contrib.gis.geos import Point

from tests.factories import ActorFactory, CategoryFactory, EventFactory, PlaceFactory, SourceFactory
from timeline.models import Citation, Event


@pytest.fixture
def content(db):
    """A small chronology: four published events, and a draft and an event in review with
    a place, a category, a person and a source of their own that nothing published uses."""
    zhanaozen = PlaceFactory(
        slug="zhanaozen", name="Zhanaozen", alt_names="Жанаозен, Novy Uzen", geom=Point(52.862, 43.341, srid=4326)
    )
    aktau = PlaceFactory(slug="aktau", name="Aktau", geom=Point(51.15, 43.65, srid=4326))
    strike = CategoryFactory(slug="strike", name="Strike", order=1)
    violence = CategoryFactory(slug="violence", name="Violence", order=2)
    trial = CategoryFactory(slug="trial", name="Trial", order=3)
    police = ActorFactory(slug="police", name="Police", kind="state")
    kmg = ActorFactory(slug="kazmunaigas", name="KazMunayGas", alt_names="KMG, КазМунайГаз", kind="company")
    levy = SourceFactory(slug="levy", title="Kazakhstan: the Zhanaozen massacre", publisher="People & Nature")

    the_strike = EventFactory(
        slug="strike",
        title="Oil workers strike",
        start_date=datetime.date(2011, 5, 1),
        date_precision="month",
        end_date=datetime.date(2011, 12, 1),
        end_precision="month",
        place=zhanaozen,
        categories=[strike],
        importance=1,
    )
    the_strike.actors.set([kmg])
    massacre = EventFactory(
        slug="massacre",
        title="Police fire on the crowd",
        body="Police *opened fire*.<script>alert(1)</script>",
        start_date=datetime.date(2011, 12, 16),
        place=zhanaozen,
        categories=[violence],
        importance=1,
        cited=False,
    )
    massacre.actors.set([police])
    Citation.objects.create(event=massacre, source=levy, locator="“Police opened fire.”", note="Gives 16 dead.")
    trial_event = EventFactory(
        slug="trial",
        title="Trial of the oil workers",
        start_date=datetime.date(2012, 3, 1),
        date_precision="month",
        place=aktau,
        categories=[trial, strike],
        importance=2,
    )
    nowhere = EventFactory(
        slug="campaign",
        title="Solidarity campaign",
        start_date=datetime.date(2012, 1, 1),
        date_precision="year",
        place=None,
        no_single_place=True,
        categories=[strike],
        importance=3,
    )

    secret_place = PlaceFactory(slug="secret-place", name="Secret place")
    secret_category = CategoryFactory(slug="secret-category", name="Secret category")
    secret_actor = ActorFactory(slug="secret-actor", name="Secret person")
    secret_source = SourceFactory(slug="secret-source", title="Secret source")
    draft = EventFactory(
        slug="secret-draft",
        title="Secret draft",
        summary="Secret summary.",
        start_date=datetime.date(2011, 12, 16),
        place=secret_place,
        categories=[secret_category, violence],
        status=Event.Status.DRAFT,
        importance=1,
        cited=False,
    )
    draft.actors.set([secret_actor, police])
    Citation.objects.create(event=draft, source=secret_source, locator="Secret passage.")
    in_review = EventFactory(
        slug="secret-review",
        title="Secret review",
        start_date=datetime.date(2012, 3, 1),
        place=zhanaozen,
        categories=[strike],
        status=Event.Status.REVIEW,
    )
    return SimpleNamespace(
        zhanaozen=zhanaozen,
        aktau=aktau,
        strike=the_strike,
        massacre=massacre,
        trial=trial_event,
        nowhere=nowhere,
        draft=draft,
        in_review=in_review,
        levy=levy,
        police=police,
        secret_place=secret_place,
    )
