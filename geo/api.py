"""The API's places: a GeoJSON FeatureCollection and one Feature per place."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from timeline.publication import with_published_events
from zhanaozen.api_base import ERRORS, PublicAPIMixin
from zhanaozen.renderers import GeoJSONRenderer

from .models import Place
from .serializers import PlaceFeatureSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("Places (a GeoJSON FeatureCollection)"), responses={200: PlaceFeatureSerializer(many=True), **ERRORS}
    ),
    retrieve=extend_schema(summary=_("A place (a GeoJSON Feature)"), responses={200: PlaceFeatureSerializer, **ERRORS}),
)
class PlaceViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Places with published events, each a GeoJSON Feature at its point, with its number of events."""

    serializer_class = PlaceFeatureSerializer
    renderer_classes = [GeoJSONRenderer, JSONRenderer, BrowsableAPIRenderer]
    lookup_field = "slug"
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return with_published_events(Place.objects.all()).order_by("name", "slug")
