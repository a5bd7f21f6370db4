"""The offline outline: small, built from its source by scripts/build-outline, and still whole."""

import gzip
import json
from pathlib import Path

from django.contrib.staticfiles import finders

from geo.basemap import build_topology, dumps, read_outline
from geo.templatetags.geo import BASEMAP

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "geo/basemap/natural-earth-region.geojson"


def built():
    return Path(finders.find(BASEMAP)).read_bytes()


def test_the_outline_is_small():
    data = built()
    # It was 147,705 bytes of GeoJSON (39,118 gzipped).
    assert len(data) < 32_000
    assert len(gzip.compress(data, 9)) < 12_000


def test_the_committed_outline_is_what_the_script_builds_from_its_source():
    assert built().decode().strip() == dumps(build_topology(json.loads(SOURCE.read_text())))


def test_every_country_keeps_its_outline_and_neighbours_share_their_border():
    source = json.loads(SOURCE.read_text())
    shapes = dict(read_outline(json.loads(built())))
    assert set(shapes) == {feature["properties"]["iso"] for feature in source["features"]}
    for iso, rings in shapes.items():
        assert rings, iso
        for ring in rings:
            assert ring[0] == ring[-1], iso
            assert len(ring) >= 4, iso
    # One border, drawn once: the points of Kazakhstan's border with Russia are the same in both.
    kazakhstan = {point for ring in shapes["KAZ"] for point in ring}
    russia = {point for ring in shapes["RUS"] for point in ring}
    assert len(kazakhstan & russia) > 50
    # Around Zhanaozen the line keeps its detail: Kazakhstan's outline passes near Aktau's coast.
    near_aktau = [p for p in kazakhstan if 50.5 < p[0] < 51.5 and 43.0 < p[1] < 44.5]
    assert len(near_aktau) > 10
