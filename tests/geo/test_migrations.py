"""The gazetteer identifiers (``geo.0004_embed_gazetteer_ids``): places made before keep everything
and have none (nobody has checked one yet), and the database refuses one of the wrong form."""

import pytest
from django.contrib.gis.geos import Point
from django.db import IntegrityError, transaction

from tests.migrating import latest, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("geo", "0003_updated_and_version")
AFTER = ("geo", "0004_embed_gazetteer_ids")


def test_places_made_before_have_no_gazetteer_identifiers():
    try:
        old = migrate([BEFORE]).loader.project_state([BEFORE]).apps.get_model("geo", "Place")
        old.objects.create(name="Zhanaozen", slug="zhanaozen", geom=Point(52.862, 43.341, srid=4326))
        new = migrate([AFTER]).loader.project_state([AFTER]).apps.get_model("geo", "Place")
        place = new.objects.get(slug="zhanaozen")
        assert (place.name, place.wikidata, place.geonames) == ("Zhanaozen", "", "")
        with pytest.raises(IntegrityError), transaction.atomic():
            new.objects.filter(pk=place.pk).update(wikidata="wd:Q1")
        new.objects.filter(pk=place.pk).update(wikidata="Q1", geonames="1")
    finally:
        migrate(latest())
