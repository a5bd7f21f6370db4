"""The API's demands: published ones, in the page's order, with their sources and the published
events that answered them or did not."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from core.api import ERRORS, PublicAPIMixin

from .serializers import DemandSerializer
from .views import published_demands


@extend_schema_view(
    list=extend_schema(
        summary=_("Demands, and what became of them"), responses={200: DemandSerializer(many=True), **ERRORS}
    ),
    retrieve=extend_schema(summary=_("A demand and what became of it"), responses={200: DemandSerializer, **ERRORS}),
)
class DemandViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published demands in the order of the page of demands, each with its source, its passage and
    the published events that answered it or did not."""

    serializer_class = DemandSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        return published_demands()
