"""The API's tours: published ones, their stops at published events, without the teachers' notes."""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from core.api import ERRORS, PublicAPIMixin
from timeline.models import Event

from .models import Tour, TourStop
from .serializers import TourDetailSerializer, TourSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("Published tours for the classroom"), responses={200: TourSerializer(many=True), **ERRORS}
    ),
    retrieve=extend_schema(
        summary=_("A tour with its stops in order"), responses={200: TourDetailSerializer, **ERRORS}
    ),
)
class TourViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published tours in teaching order; their stops at published events only, in order, without the
    teacher's notes."""

    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        published = Q(stops__event__status=Event.Status.PUBLISHED)
        tours = Tour.objects.published().annotate(stop_count=Count("stops", filter=published))
        if self.action == "retrieve":
            stops = (
                TourStop.objects.filter(event__status=Event.Status.PUBLISHED)
                .select_related("event")
                .prefetch_related("event__place", "event__categories")
                .order_by("order", "pk")
            )
            tours = tours.prefetch_related(Prefetch("stops", stops, to_attr="public_stops"))
        return tours.order_by("order", "title", "slug")

    def get_serializer_class(self):
        return TourDetailSerializer if self.action == "retrieve" else TourSerializer
