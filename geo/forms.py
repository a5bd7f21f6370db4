"""Geometry as editors enter it: GeoJSON from the admin's map, checked before GEOS reads it.

GEOS trusts its input. Coordinates such as ``["a", "b"]`` or ``NaN`` end in server errors, and a
point at (−1e308, 1e308) aborts the whole worker when GEOS writes it out. ``GeoJSONGeometryField``
reads the GeoJSON that django-leaflet's widget posts with Python's ``json``, checks every position
(two finite numbers, longitude within ±180, latitude within ±90) and the shape of rings, and only
then builds the geometry; an invalid area (an outline that crosses itself) is refused too.
"""

import json
import math

from django.contrib.gis import forms
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# How deep each GeoJSON type nests its positions: a Point is one, a LineString a list of them, …
NESTING = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}

# What editors call each type, for "this field takes …, not …".
TYPE_NAMES = {
    "Point": _("a point"),
    "MultiPoint": _("points"),
    "LineString": _("a line"),
    "MultiLineString": _("lines"),
    "Polygon": _("an area"),
    "MultiPolygon": _("an area"),
}


NOT_GEOJSON = _("This is not a shape from the map (GeoJSON). Draw it again on the map.")
NOT_FINITE = _("Coordinates must be finite numbers, not NaN or infinity.")


def _reject_constant(name):
    """``json`` reads NaN and Infinity, which are not JSON; refuse them as such."""
    raise ValidationError(NOT_FINITE, code="not_finite")


def _check_position(position):
    if not isinstance(position, list) or len(position) != 2:
        raise ValidationError(
            _("Each position is two numbers, longitude and latitude. Draw the shape again on the map."),
            code="invalid_position",
        )
    if not all(isinstance(number, int | float) and not isinstance(number, bool) for number in position):
        raise ValidationError(
            _("Coordinates must be numbers (longitude, latitude). Draw the shape again on the map."),
            code="not_a_number",
        )
    if not all(math.isfinite(number) for number in position if isinstance(number, float)):
        raise ValidationError(NOT_FINITE, code="not_finite")
    longitude, latitude = position
    if not -180 <= longitude <= 180:
        raise ValidationError(
            _("Longitude %(value)s is outside the range −180 to 180."), code="longitude", params={"value": longitude}
        )
    if not -90 <= latitude <= 90:
        raise ValidationError(
            _("Latitude %(value)s is outside the range −90 to 90."), code="latitude", params={"value": latitude}
        )


def _check_nesting(coordinates, depth):
    """Check every position under ``coordinates``, a list nested ``depth`` levels deep."""
    if depth == 0:
        _check_position(coordinates)
        return
    if not isinstance(coordinates, list) or not coordinates:
        raise ValidationError(_("The shape has no coordinates. Draw it again on the map."), code="empty")
    for part in coordinates:
        _check_nesting(part, depth - 1)


def _check_rings(geom_type, coordinates):
    polygons = {"Polygon": [coordinates], "MultiPolygon": coordinates}.get(geom_type, [])
    for ring in (ring for polygon in polygons for ring in polygon):
        if len(ring) < 4:
            raise ValidationError(
                _("An outline needs at least three corners. Draw the area again on the map."), code="ring_too_short"
            )
        if ring[0] != ring[-1]:
            raise ValidationError(
                _("An outline must end where it begins. Draw the area again on the map."), code="ring_not_closed"
            )
    if geom_type == "LineString" and len(coordinates) < 2:
        raise ValidationError(_("A line needs at least two points."), code="line_too_short")


def read_geojson(value, geom_type):
    """The GEOS geometry of the GeoJSON text ``value`` if it is a ``geom_type`` (an OGC name such as
    ``"POINT"``) with sane coordinates; a ValidationError an editor can act on otherwise."""
    try:
        data = json.loads(value, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise ValidationError(NOT_GEOJSON, code="invalid_geom") from error
    given = data.get("type") if isinstance(data, dict) else None
    if given not in NESTING:
        raise ValidationError(NOT_GEOJSON, code="invalid_geom")
    if geom_type not in {"GEOMETRY", given.upper()} and not (given == "Polygon" and geom_type == "MULTIPOLYGON"):
        expected = next((name for kind, name in TYPE_NAMES.items() if kind.upper() == geom_type), geom_type.lower())
        raise ValidationError(
            _("This field takes %(expected)s, not %(given)s."),
            code="invalid_geom_type",
            params={"expected": expected, "given": TYPE_NAMES[given]},
        )
    coordinates = data.get("coordinates")
    _check_nesting(coordinates, NESTING[given])
    _check_rings(given, coordinates)
    if given == "Polygon" and geom_type == "MULTIPOLYGON":
        given, coordinates = "MultiPolygon", [coordinates]
    try:
        # Only the checked members go on to GEOS (no "crs", nothing else the widget does not send).
        geometry = GEOSGeometry(json.dumps({"type": given, "coordinates": coordinates}))
    except (GEOSException, GDALException, ValueError, TypeError) as error:
        raise ValidationError(NOT_GEOJSON, code="invalid_geom") from error
    if not geometry.valid:
        raise ValidationError(
            _("This shape is not valid (%(reason)s): redraw it so that no outline crosses itself or another."),
            code="invalid_shape",
            params={"reason": geometry.valid_reason},
        )
    return geometry


class GeoJSONGeometryField(forms.GeometryField):
    """A geometry form field that reads the map widget's GeoJSON through ``read_geojson``.

    Bad input gets a message that says what is wrong, and never reaches GEOS: neither when the form
    is cleaned nor when it is shown again with its errors (the map then starts empty)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value:
                value = read_geojson(value, self.geom_type)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                return self.to_python(value)
            except ValidationError:
                return None
        return value
