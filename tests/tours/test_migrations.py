"""Tours moved from the timeline app to their own: a database made before keeps its tours, their
stops (with a map view, a geometry), the editors' permissions and the history of each tour."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from reversion.models import Version

from tests.migrating import latest, migrate
from timeline.services import EDITORS_GROUP
from tours.models import Tour, TourStop

pytestmark = pytest.mark.django_db(transaction=True)

# The last state in which the timeline app held Tour and TourStop.
BEFORE = [("timeline", "0002_tours")]
# Places as they were then, before their ``updated`` (which a place made here would lack).
GEO_BEFORE = ("geo", "0002_translations")


@pytest.fixture
def old_layout():
    """The database as it was before the move (its apps' models as they were); afterwards the
    database is migrated back to the latest state, whatever the test did."""
    executor = migrate([*BEFORE, GEO_BEFORE, ("tours", None)])
    nodes = [*BEFORE, GEO_BEFORE, *(node for node in latest() if node[0] in {"auth", "contenttypes", "reversion"})]
    try:
        yield executor.loader.project_state(nodes).apps
    finally:
        migrate(latest())
        ContentType.objects.clear_cache()


def make_old_tour(apps):
    place = apps.get_model("geo", "Place").objects.create(
        name="Zhanaozen", slug="zhanaozen", geom=Point(52.86, 43.34, srid=4326)
    )
    event = apps.get_model("timeline", "Event").objects.create(
        title="Shooting", slug="shooting", summary="What happened.", start_date=datetime.date(2011, 12, 16),
        place=place, status="published",
    )  # fmt: skip
    tour = apps.get_model("timeline", "Tour").objects.create(title="Strike", slug="strike", status="published")
    apps.get_model("timeline", "TourStop").objects.create(
        tour=tour, event=event, order=1, note="For the teacher.", map_center=Point(52.9, 43.3, srid=4326), map_zoom=9
    )
    content_type = apps.get_model("contenttypes", "ContentType").objects.get(app_label="timeline", model="tour")
    revision = apps.get_model("reversion", "Revision").objects.create(date_created=timezone.now(), comment="")
    fields = {"title": "Strike", "slug": "strike", "summary": "As it was.", "status": "published"}
    fields |= {"created": tour.created.isoformat(), "updated": tour.updated.isoformat()}
    apps.get_model("reversion", "Version").objects.create(
        revision=revision, object_id=str(tour.pk), content_type=content_type, db="default", format="json",
        serialized_data=json.dumps([{"model": "timeline.tour", "pk": tour.pk, "fields": fields}]), object_repr="Strike",
    )  # fmt: skip


def test_migrating_an_old_database_keeps_tours_and_their_stops(old_layout):
    make_old_tour(old_layout)
    migrate(latest())
    tour = Tour.objects.get(slug="strike")
    assert tour.order == 1  # existing tours are numbered in the order they were made
    stop = TourStop.objects.get(tour=tour)
    assert (stop.event.slug, stop.order, stop.note, stop.map_zoom) == ("shooting", 1, "For the teacher.", 9)
    assert stop.map_center.coords == pytest.approx((52.9, 43.3))
    # The geometry column is still a spatial one: a spatial lookup finds the stop.
    assert TourStop.objects.filter(map_center__intersects=Point(52.9, 43.3, srid=4326).buffer(0.01)).get() == stop
    assert {Tour._meta.db_table, TourStop._meta.db_table} <= set(connection.introspection.table_names())


def test_migrating_an_old_database_moves_the_permissions_and_the_history(old_layout):
    make_old_tour(old_layout)
    migrate(latest())
    ContentType.objects.clear_cache()
    assert not ContentType.objects.filter(app_label="timeline", model__in=["tour", "tourstop"]).exists()
    editors = Group.objects.get(name=EDITORS_GROUP)
    assert {"tours.change_tour", "tours.add_tourstop"} <= {
        f"{p.content_type.app_label}.{p.codename}" for p in editors.permissions.all()
    }
    assert not Permission.objects.filter(content_type__app_label="timeline", codename__endswith="tour").exists()
    tour = Tour.objects.get(slug="strike")
    version = Version.objects.get_for_object(tour).get()
    assert version.field_dict["summary"] == "As it was."
    version.revert()
    tour.refresh_from_db()
    assert tour.summary == "As it was."


def test_migrating_back_and_forth_keeps_one_content_type_per_model(old_layout):
    make_old_tour(old_layout)
    # As an administrator would, one app at a time: each command's post_migrate creates the content
    # types its final state lacks, so the old ones come back beside the moved ones on the way back.
    call_command("migrate", verbosity=0)
    call_command("migrate", "timeline", "0002", verbosity=0)
    call_command("migrate", "tours", "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()
    labels = ContentType.objects.filter(model__in=["tour", "tourstop"]).values_list("app_label", "model")
    assert sorted(labels) == [("tours", "tour"), ("tours", "tourstop")]
    assert Version.objects.get_for_object(Tour.objects.get()).count() == 1


def test_after_migrate_the_editors_group_may_edit_tours():
    Group.objects.filter(name=EDITORS_GROUP).delete()
    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate runs all the same
    permissions = Group.objects.get(name=EDITORS_GROUP).permissions.all()
    assert {"tours.change_tour", "tours.delete_tourstop", "timeline.change_event"} <= {
        f"{permission.content_type.app_label}.{permission.codename}" for permission in permissions
    }
