"""The offline outline under the maps: built once from Natural Earth's country outlines into a small
TopoJSON file (``geo/static/geo/basemap/``), read back here for the maps drawn on the server.

TopoJSON keeps each border once (Kazakhstan's border with Russia is one line, not two), which is
also what lets it be simplified without gaps or overlaps opening between neighbours; its
coordinates are integers on a grid, each a step from the one before. ``build_topology`` makes it,
``read_outline`` turns it back into rings of (longitude, latitude).

The browser's maps draw it as an image (``outline_svg``): the same rings, projected once here as
Leaflet projects (Web Mercator), so that the page neither reads 2 456 points nor projects them again
at each zoom; it only places and scales one picture over the outline's ``outline_bounds``.
"""

import json
import math
from collections import defaultdict

# The region the maps show most (Mangystau, the default view) keeps the source's detail; farther
# away a coarser line is drawn only at zooms where its detail could not be seen anyway.
NEAR = ((40.0, 48.0), (48.0, 58.0))  # (south, west), (north, east)
NEAR_TOLERANCE = 0.01  # degrees: ~1 km, 4 px at zoom 9 (the closest the explorer fits to)
FAR_TOLERANCE = 0.04  # degrees: ~2 px at zoom 6, the zoom at which those countries are in view
GRID = 0.005  # degrees between two possible coordinates (~500 m: half the nearest tolerance, 2 px at zoom 9)


def _polygons(geometry):
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def _tolerance(point):
    (south, west), (north, east) = NEAR
    lon, lat = point
    return NEAR_TOLERANCE if west <= lon <= east and south <= lat <= north else FAR_TOLERANCE


def _distance(point, start, end):
    """How far ``point`` lies from the segment start–end, in degrees (longitude shrunk by latitude)."""
    scale = math.cos(math.radians(point[1]))
    px, py = point[0] * scale, point[1]
    ax, ay, bx, by = start[0] * scale, start[1], end[0] * scale, end[1]
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _simplify(line):
    """Douglas–Peucker, keeping both ends, with each point's own tolerance (near or far)."""
    keep = {0, len(line) - 1}
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _distance(line[i], line[first], line[last]) / _tolerance(line[i])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > 1:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [line[i] for i in sorted(keep)]


def _arcs_of(rings):
    """Split rings into arcs at the junctions (where a border meets another or the coast), so that
    a border two countries share is one arc. Returns the arcs and, per ring, its arcs' indexes
    (``~i`` for an arc walked backwards)."""
    neighbours = defaultdict(set)
    for ring in rings:
        for i, point in enumerate(ring[:-1]):
            neighbours[point].update((ring[i - 1], ring[i + 1]))
    arcs, index, result = [], {}, []
    for ring in rings:
        points = ring[:-1]
        cuts = [i for i, point in enumerate(points) if len(neighbours[point]) > 2]
        if not cuts:  # an island, or a country with no neighbour here: start at its least point
            start = points.index(min(points))
            cuts = [start]
        start = cuts[0]
        points = points[start:] + points[:start]
        cuts = [(cut - start) % len(points) for cut in cuts] + [len(points)]
        points = points + [points[0]]
        indexes = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            arc = tuple(points[a : b + 1])
            if arc in index:
                indexes.append(index[arc])
            elif arc[::-1] in index:
                indexes.append(~index[arc[::-1]])
            else:
                index[arc] = len(arcs)
                indexes.append(len(arcs))
                arcs.append(arc)
        result.append(indexes)
    return arcs, result


def build_topology(collection: dict) -> dict:
    """A GeoJSON FeatureCollection of (Multi)Polygons → a simplified, quantized TopoJSON Topology."""
    features = collection["features"]
    rings = []
    shapes = []  # per feature: polygons of ring numbers
    for feature in features:
        polygons = []
        for polygon in _polygons(feature["geometry"]):
            numbers = []
            for ring in polygon:
                numbers.append(len(rings))
                rings.append([tuple(point) for point in ring])
            polygons.append(numbers)
        shapes.append(polygons)
    arcs, ring_arcs = _arcs_of(rings)
    arcs = [_simplify(list(arc)) for arc in arcs]
    west = min(x for arc in arcs for x, _y in arc)
    south = min(y for arc in arcs for _x, y in arc)

    def quantize(arc):
        cells = [(round((x - west) / GRID), round((y - south) / GRID)) for x, y in arc]
        deltas, last = [], (0, 0)
        for cell in cells:
            if deltas and cell == last:
                continue
            deltas.append([cell[0] - last[0], cell[1] - last[1]])
            last = cell
        return deltas

    def length(indexes):
        """How many distinct points a ring has once simplified: fewer than 3 is no ring at all."""
        return sum(len(arcs[i if i >= 0 else ~i]) - 1 for i in indexes)

    geometries = []
    for feature, polygons in zip(features, shapes, strict=True):
        kept = []
        for polygon in polygons:
            if length(ring_arcs[polygon[0]]) < 3:
                continue  # an islet smaller than the tolerance
            kept.append([ring_arcs[number] for number in polygon if length(ring_arcs[number]) >= 3])
        if not kept:
            continue
        geometries.append(
            {
                "type": "Polygon" if len(kept) == 1 else "MultiPolygon",
                "arcs": kept[0] if len(kept) == 1 else kept,
                "properties": feature["properties"],
            }
        )
    return {
        "type": "Topology",
        "transform": {"scale": [GRID, GRID], "translate": [west, south]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": [quantize(arc) for arc in arcs],
    }


def dumps(topology: dict) -> str:
    return json.dumps(topology, separators=(",", ":"), ensure_ascii=False)


def read_outline(topology: dict) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """The outline as (ISO code, rings of (longitude, latitude)), each ring closed."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 6), round(y * sy + ty, 6)))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += arc[1:] if points else arc
        return points

    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rings = [ring(indexes) for polygon in polygons for indexes in polygon]
        shapes.append((geometry["properties"].get("iso", ""), rings))
    return shapes


# The outline's picture, in the maps' projection (Web Mercator): units per degree of longitude, so that
# the outline's grid (GRID) is one unit, and its coordinates are whole numbers.
SVG_UNITS = round(1 / GRID)
# Drawn as the public maps drew it with Leaflet: Kazakhstan lighter and its border heavier; the sea is
# the map's own background (timeline/static/timeline/explorer.css). The strokes keep their width in
# screen pixels however far the map is zoomed (non-scaling-stroke).
SVG_STYLE = (
    "path{stroke:#7c7466;stroke-linejoin:round;vector-effect:non-scaling-stroke;fill-rule:evenodd}"
    ".home{fill:#f4efe3;stroke-width:1.6}.land{fill:#e6e1d6;stroke-width:.8}"
)


def _mercator(latitude: float) -> float:
    """A latitude's Web Mercator ordinate, in degrees (as longitude is): Leaflet's EPSG:3857, scaled."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)))


def outline_bounds(shapes: list[tuple[str, list[list[tuple[float, float]]]]]) -> list[list[float]]:
    """[[south, west], [north, east]]: where the outline (``read_outline``'s shapes) and so its picture
    lie, as Leaflet takes bounds."""
    points = [point for _iso, rings in shapes for ring in rings for point in ring]
    lons, lats = [lon for lon, _lat in points], [lat for _lon, lat in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def outline_svg(topology: dict) -> str:
    """The outline as one SVG picture in Web Mercator, filling ``outline_bounds`` exactly (a map
    stretches it over them: ``preserveAspectRatio="none"``). Each country is a path of whole-number
    steps from one point to the next."""
    shapes = read_outline(topology)
    (south, west), (north, east) = outline_bounds(shapes)
    top = _mercator(north)
    width, height = round((east - west) * SVG_UNITS), round((top - _mercator(south)) * SVG_UNITS)

    def steps(numbers):
        text = ""
        for number in numbers:
            written = str(number)
            text += written if not text or number < 0 else " " + written
        return text

    paths = []
    for iso, rings in shapes:
        data = []
        for ring in rings:
            points = [(round((lon - west) * SVG_UNITS), round((top - _mercator(lat)) * SVG_UNITS)) for lon, lat in ring]
            numbers, last = [], points[0]
            for point in points[1:-1]:  # the last point is the first: "z" closes the ring
                if point != last:
                    numbers += [point[0] - last[0], point[1] - last[1]]
                    last = point
            data.append(f"M{points[0][0]} {points[0][1]}l{steps(numbers)}z")
        paths.append(f'<path class="{"home" if iso == "KAZ" else "land"}" d="{"".join(data)}"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" preserveAspectRatio="none">'
        f"<style>{SVG_STYLE}</style>{''.join(paths)}</svg>\n"
    )
