import functools
import json
import math

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from geo.basemap import outline_bounds, read_outline

# The outline as the server reads it (TopoJSON) and as the browser's maps draw it (one picture in
# their projection, built from it by scripts/build-outline).
TOPOLOGY = "geo/basemap/natural-earth-region.topo.json"
BASEMAP = "geo/basemap/natural-earth-region.svg"
# The radius of the place's spot on a static map (its name goes beside it).
SPOT_RADIUS = 5

register = template.Library()


@register.simple_tag
def map_config() -> str:
    """The map's tiles, offline basemap (its picture and where it lies) and default view, as JSON for
    a ``data-map-config`` attribute."""
    tiles = [
        {"url": url, "options": {**options, "attribution": str(options.get("attribution", ""))}}
        for _name, url, options in settings.LEAFLET_CONFIG["TILES"]
    ]
    view = {"bounds": settings.MAP_BOUNDS, "zoom": settings.MAP_ZOOM}
    return json.dumps({"tiles": tiles, "basemapUrl": static(BASEMAP), "basemapBounds": _bounds(), "view": view})


@register.simple_tag
def basemap_url() -> str:
    """The bundled outline's address, for a page to preload it beside its scripts."""
    return static(BASEMAP)


@functools.cache
def _outline() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """The bundled Natural Earth outline as (ISO code, rings of (lon, lat)), read once."""
    with open(finders.find(TOPOLOGY), encoding="utf-8") as handle:
        return read_outline(json.load(handle))


@functools.cache
def _bounds() -> list[list[float]]:
    return outline_bounds(_outline())


@register.simple_tag
def basemap_bounds() -> str:
    """Where the outline's picture lies, [[south, west], [north, east]], as JSON (``data-basemap-bounds``)."""
    return json.dumps(_bounds())


@register.simple_tag
def static_map(place, width: int = 240, height: int = 160, span: float = 4.0, names=()):
    """A small map as inline SVG, drawn on the server from the bundled outline: it prints, and needs
    no tiles, no script and no network. ``span`` is the width shown, in degrees of longitude.

    ``names``: places to name on it (dicts with slug, name, kind, lat, lon, as the explorer's map
    has them); those inside the map go in ``data-places`` with their point on it, and a script
    (tours/handout.js) writes their names where the explorer's map would (timeline/labels.js)."""
    lon, lat = place.geom.x, place.geom.y
    scale_x = width / span
    scale_y = scale_x / math.cos(math.radians(lat))  # equirectangular, true to scale at the place
    west, north = lon - span / 2, lat + (height / scale_y) / 2

    def project(point):
        return (point[0] - west) * scale_x, (north - point[1]) * scale_y

    paths = []
    for iso, rings in _outline():
        for ring in rings:
            points = [project(point) for point in ring]
            xs, ys = [x for x, _y in points], [y for _x, y in points]
            if max(xs) < 0 or min(xs) > width or max(ys) < 0 or min(ys) > height:
                continue
            d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"
            paths.append(format_html('<path d="{}" class="{}"/>', d, "home" if iso == "KAZ" else "land"))
    x, y = project((lon, lat))
    named = []
    for other in names:
        px, py = project((other["lon"], other["lat"]))
        if 0 <= px <= width and 0 <= py <= height:
            named.append({**other, "x": round(px, 1), "y": round(py, 1)})
    return format_html(
        '<svg class="static-map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}"'
        ' data-spot="{slug}" data-places="{places}">'
        '<rect width="{w}" height="{h}" class="sea"/>{paths}'
        '<circle cx="{x}" cy="{y}" r="{r}" class="spot"/></svg>',
        w=width,
        h=height,
        label=_("Map: %(place)s") % {"place": place.name},
        slug=place.slug,
        places=json.dumps(named, ensure_ascii=False),
        paths=format_html_join("", "{}", ((path,) for path in paths)),
        x=f"{x:.1f}",
        y=f"{y:.1f}",
        r=SPOT_RADIUS,
    )
