"""Places as spreadsheets (core.spreadsheets), for the admin: the location as longitude and latitude
(WGS 84, decimal degrees), an area as WKT."""

from django.conf import settings
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Point
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from core.spreadsheets import SpreadsheetResource, choice_field

from .models import Place


class CoordinateWidget(widgets.Widget):
    def __init__(self, axis: str, low: float, high: float, **kwargs):
        self.axis, self.low, self.high = axis, low, high
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            number = float(str(value).strip())
        except (TypeError, ValueError):
            number = None
        if number is None or not self.low <= number <= self.high:
            raise ValueError(
                _("“%(value)s” is not a %(axis)s: give a number of degrees from %(low)s to %(high)s.")
                % {"value": value, "axis": self.axis, "low": self.low, "high": self.high}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return value if value is not None else ""


class CoordinateField(fields.Field):
    """One axis of the place's point (``geom``): x is the longitude, y the latitude."""

    def __init__(self, axis: str, **kwargs):
        self.axis = axis
        super().__init__(attribute="geom", **kwargs)

    def get_value(self, instance):
        return getattr(instance.geom, self.axis) if instance.geom else None

    def save(self, instance, row, is_m2m=False, **kwargs):
        value = self.clean(row, **kwargs)
        point = instance.geom or Point(0, 0, srid=4326)
        instance.geom = Point(value if self.axis == "x" else point.x, value if self.axis == "y" else point.y, srid=4326)


class AreaWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            geometry = GEOSGeometry(text, srid=4326)
        except (GEOSException, ValueError):
            geometry = None
        if geometry is not None and geometry.geom_type == "Polygon":
            geometry = MultiPolygon(geometry, srid=4326)
        if geometry is None or geometry.geom_type != "MultiPolygon":
            raise ValueError(_("The area is not an outline in WKT: MULTIPOLYGON (((x y, x y, …))), or leave it empty."))
        return geometry

    def render(self, value, obj=None, **kwargs):
        return value.wkt if value else ""


class PlaceResource(SpreadsheetResource):
    kind = choice_field(Place, "kind")
    longitude = CoordinateField(
        "x", column_name="longitude", widget=CoordinateWidget(gettext_lazy("longitude"), -180, 180)
    )
    latitude = CoordinateField("y", column_name="latitude", widget=CoordinateWidget(gettext_lazy("latitude"), -90, 90))
    area = fields.Field(attribute="area", column_name="area", widget=AreaWidget(), saves_null_values=True)

    class Meta:
        model = Place
        fields = (
            "slug",
            *[f"name_{language}" for language in settings.MODELTRANSLATION_LANGUAGES],
            "kind",
            "longitude",
            "latitude",
            *[f"description_{language}" for language in settings.MODELTRANSLATION_LANGUAGES],
            "alt_names",
            "area",
            "version",
        )

    def template_rows(self):
        return [
            {
                "slug": "example-place",
                "name_en": _("Example place: replace or delete this row"),
                "kind": "site",
                "longitude": 0,
                "latitude": 0,
            }
        ]
