"""The offline outline: small, built from its source by scripts/build-outline, and still whole."""

import gzip
import json
import math
import re
from pathlib import Path

from django.contrib.staticfiles import finders

from geo.basemap import build_topology, dumps, outline_bounds, outline_svg, read_outline
from geo.templatetags.geo import BASEMAP, TOPOLOGY

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "geo/basemap/natural-earth-region.geojson"


def built():
    return Path(finders.find(TOPOLOGY)).read_bytes()


def picture():
    return Path(finders.find(BASEMAP)).read_text()


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


def test_the_committed_picture_is_what_the_script_draws_from_the_outline():
    assert picture() == outline_svg(json.loads(built()))
    assert outline_bounds(read_outline(json.loads(built()))) == [[33.0, 40.0], [58.0, 92.0]]


def test_the_picture_is_smaller_than_the_outline_it_replaces_in_the_browser():
    data = picture().encode()
    assert len(gzip.compress(data, 9)) < len(gzip.compress(built(), 9))


def leaflet_y(latitude):
    """Leaflet's EPSG:3857 ordinate (SphericalMercator.project, its radius left out: only ratios matter)."""
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def test_the_picture_lies_where_leaflet_puts_each_point_of_the_outline():
    """Stretched over its bounds as Leaflet's image overlay does (linearly between the bounds' projected
    corners), each point of the picture falls where Leaflet would project the outline's own point:
    within one unit of the picture (0.005° of longitude, under 2 px at zoom 9)."""
    (south, west), (north, east) = outline_bounds(read_outline(json.loads(built())))
    svg = picture()
    width, height = (int(n) for n in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    paths = re.findall(r'<path class="(\w+)" d="([^"]+)"/>', svg)
    shapes = read_outline(json.loads(built()))
    assert [cls for cls, _d in paths] == ["home" if iso == "KAZ" else "land" for iso, _rings in shapes]
    checked = 0
    for (_cls, data), (_iso, rings) in zip(paths, shapes, strict=True):
        drawn = re.findall(r"M([^l]+)l([^z]*)z", data)
        assert len(drawn) == len(rings)
        for (start, steps), ring in zip(drawn, rings, strict=True):
            x, y = (int(n) for n in start.split())
            points = [(x, y)]
            numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
            for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
                x, y = x + dx, y + dy
                points.append((x, y))
            # The ring's points, the repeated ones once (the picture skips a step of nothing).
            source = [point for i, point in enumerate(ring[:-1]) if i == 0 or point != ring[i - 1]]
            for (px, py), (lon, lat) in zip(points, source, strict=True):
                expected_x = (lon - west) / (east - west) * width
                expected_y = (leaflet_y(north) - leaflet_y(lat)) / (leaflet_y(north) - leaflet_y(south)) * height
                assert abs(px - expected_x) <= 1, (lon, lat, px)
                assert abs(py - expected_y) <= 1, (lon, lat, py)
                checked += 1
    assert checked > 2000
