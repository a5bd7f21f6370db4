"""The search text added to a database made before it: every event's is filled by the migration."""

import datetime

import pytest
from django.contrib.gis.geos import Point
from django.utils import translation

from tests.migrating import latest, migrate
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("timeline", "0004_translations"), ("geo", "0002_translations")]


@pytest.fixture
def old_apps():
    """The models as they were before the search text; afterwards the database is migrated to the
    latest state, whatever the test did."""
    executor = migrate(BEFORE)
    try:
        yield executor.loader.project_state(BEFORE).apps
    finally:
        migrate(latest())


def test_migrating_fills_the_search_text_of_existing_events(old_apps):
    place = old_apps.get_model("geo", "Place").objects.create(
        name="Zhanaozen", name_en="Zhanaozen", name_kk="Жаңаөзен", slug="zhanaozen", geom=Point(52.86, 43.34)
    )
    actor = old_apps.get_model("timeline", "Actor").objects.create(
        name="Roza Tuletaeva", name_en="Roza Tuletaeva", slug="roza", kind="person", alt_names="Tuletayeva"
    )
    event = old_apps.get_model("timeline", "Event").objects.create(
        title="Shooting", title_en="Shooting", title_ru="Расстрел", summary="What happened.",
        summary_en="What happened.", slug="shooting", start_date=datetime.date(2011, 12, 16), place=place,
    )  # fmt: skip
    event.actors.add(actor)
    migrate(latest())
    assert list(Event.objects.search("ЖАНАОЗЕН").values_list("slug", flat=True)) == ["shooting"]
    assert list(Event.objects.search("Төлетаева").values_list("slug", flat=True)) == ["shooting"]
    with translation.override("ru"):
        assert list(Event.objects.search("РАССТРЕЛ").values_list("slug", flat=True)) == ["shooting"]
        assert not Event.objects.search("shooting").exists()
    with translation.override("kk"):  # not translated: the English
        assert list(Event.objects.search("shooting").values_list("slug", flat=True)) == ["shooting"]
