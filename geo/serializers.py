from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from core.api import AbsoluteURLField, APIURLField, TranslatedFieldsMixin

from .models import Place


@extend_schema_field(
    {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2, "example": [52.86, 43.34]}
)
class CoordinatesField(serializers.ReadOnlyField):
    """A point as ``[longitude, latitude]`` (WGS 84), the order GeoJSON uses."""

    def to_representation(self, value):
        return [value.x, value.y]


class PointField(GeometryField):
    """A point as GeoJSON, written straight from its coordinates.

    rest_framework_gis' GeometryField goes through GDAL twice for every point, which made a GeoJSON
    download of 10 000 events seconds slower.
    """

    def to_representation(self, value):
        if value is None:
            return None
        return {"type": "Point", "coordinates": [value.x, value.y]}


class PlaceSummarySerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    """Where an event happened, as much as a list of events needs."""

    coordinates = CoordinatesField(source="geom", help_text=_("[longitude, latitude], WGS 84."))

    class Meta:
        model = Place
        fields = ["slug", "name", "coordinates"]


@extend_schema_field({"type": "string", "nullable": True})
class BlankAsNullField(serializers.ReadOnlyField):
    """An optional text field: null where it is empty."""

    def to_representation(self, value):
        return value or None


class PlaceFeatureSerializer(TranslatedFieldsMixin, GeoFeatureModelSerializer):
    """A place as a GeoJSON Feature: its id is the slug, its geometry the point."""

    alt_names = serializers.ListField(
        source="alt_name_list", child=serializers.CharField(), read_only=True, help_text=_("Other spellings and forms.")
    )
    event_count = serializers.IntegerField(read_only=True, help_text=_("How many published events happened here."))
    url = AbsoluteURLField(source="get_absolute_url", help_text=_("The place's page on the site."))
    api_url = APIURLField("api:place-detail", help_text=_("The place in the API."))
    wikidata = BlankAsNullField(help_text=_("The place's Wikidata ID (Q…), where an editor has checked it."))
    geonames = BlankAsNullField(help_text=_("The place's GeoNames ID, where an editor has checked it."))

    class Meta:
        model = Place
        geo_field = "geom"
        id_field = "slug"
        fields = (
            "slug",
            "geom",
            "name",
            "kind",
            "description",
            "alt_names",
            "event_count",
            "url",
            "api_url",
            "wikidata",
            "geonames",
        )
