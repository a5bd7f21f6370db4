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
from django.contrib.gis.geos import GEOSException, GEOSGeometry, Point
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


class CoordinateField(forms.FloatField):
    """Degrees of latitude or longitude as an editor types them: a finite number within ±``limit``.
    Empty is None; the form decides what an empty pair means."""

    def __init__(self, *, limit, invalid, out_of_range, **kwargs):
        self.limit = limit
        self.out_of_range = out_of_range
        kwargs.setdefault("required", False)
        super().__init__(error_messages={"invalid": invalid}, **kwargs)
        self.widget.attrs.update({"min": -limit, "max": limit, "step": "any"})

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        try:
            number = float(text)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not math.isfinite(number):
            raise ValidationError(NOT_FINITE, code="not_finite")
        if not -self.limit <= number <= self.limit:
            raise ValidationError(self.out_of_range, code="out_of_range", params={"value": text})
        return number


class PointFieldsMixin(forms.ModelForm):
    """Latitude and longitude beside the map of a model's ``geom`` point, in step with its marker
    (``geo/static/geo/admin-map.js``): typing moves the marker, and clicking or dragging on the map
    fills them in. When both are given, they are the point saved; when neither is, the map's point
    is; one without the other is refused. Without JavaScript they are how a point is set."""

    latitude = CoordinateField(
        label=_("Latitude"),
        limit=90,
        invalid=_("Enter the latitude as a number of degrees north, such as 43.341 (south is negative)."),
        out_of_range=_("Latitude %(value)s is outside the range −90 to 90."),
        help_text=_("Degrees north, as decimals. Kept in step with the map."),
    )
    longitude = CoordinateField(
        label=_("Longitude"),
        limit=180,
        invalid=_("Enter the longitude as a number of degrees east, such as 52.862 (west is negative)."),
        out_of_range=_("Longitude %(value)s is outside the range −180 to 180."),
        help_text=_("Degrees east, as decimals. Kept in step with the map."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        geom = self.fields["geom"]
        self.point_required = geom.required
        geom.required = False  # the point may come from the coordinates instead
        if self.instance.geom is not None:
            self.initial.setdefault("latitude", self.instance.geom.y)
            self.initial.setdefault("longitude", self.instance.geom.x)
        for name in ("latitude", "longitude"):
            # Which map's marker the field follows (the script finds it by the map's field id).
            self.fields[name].widget.attrs.update({"data-point-of": self["geom"].auto_id, "data-axis": name})

    def clean(self):
        cleaned_data = super().clean()
        if {"latitude", "longitude"} & set(self.errors):
            return cleaned_data
        latitude, longitude = cleaned_data.get("latitude"), cleaned_data.get("longitude")
        if (latitude is None) != (longitude is None):
            missing = "latitude" if latitude is None else "longitude"
            self.add_error(
                missing,
                ValidationError(
                    _("Give both the latitude and the longitude, or leave both empty to use the point on the map."),
                    code="half_a_point",
                ),
            )
        elif latitude is not None:
            cleaned_data["geom"] = Point(longitude, latitude, srid=4326)
        elif self.point_required and cleaned_data.get("geom") is None and "geom" not in self.errors:
            self.add_error("geom", ValidationError(self.fields["geom"].error_messages["required"], code="required"))
        return cleaned_data
