import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point

from geo.models import Place
from timeline.models import Actor, Category, Citation, Event, Source


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    kind = Place.Kind.TOWN
    geom = factory.LazyFunction(lambda: Point(52.86, 43.34, srid=4326))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    color = "#1e40af"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = Actor.Kind.PERSON


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    title = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = "Test Publisher"
    published_on = datetime.date(2013, 12, 12)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "The event, in a sentence."
    body = "More about it."
    start_date = datetime.date(2011, 12, 16)
    place = factory.SubFactory(PlaceFactory)
    status = Event.Status.PUBLISHED
    importance = 2

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create:
            self.categories.set(extracted or [CategoryFactory()])

    @factory.post_generation
    def cited(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Citation.objects.create(event=self, source=SourceFactory(), locator="“A passage.”")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.Demand"

    slug = factory.Sequence(lambda n: f"demand-{n}")
    made_by = "The oil workers"
    text = factory.Sequence(lambda n: f"Demand {n}.")
    date = datetime.date(2011, 12, 16)
    date_qualifier = "before"
    source = factory.SubFactory(SourceFactory)
    locator = "“to release the arrested participants of the strike from custody;”"
    status = "published"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "demands.Outcome"

    demand = factory.SubFactory(DemandFactory)
    event = factory.SubFactory(EventFactory)
    note = "What the event tells of the demand."
