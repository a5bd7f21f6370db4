"""The public, read-only API under /api/: one router for the apps' viewsets, the schema and its docs."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.routers import DefaultRouter

from demands.api import DemandViewSet
from timeline.api import ActorViewSet, CategoryViewSet, EventViewSet, PlaceViewSet, SourceViewSet
from tours.api import TourViewSet

# No format suffixes (".json", ".api"): the format is a query parameter, as the schema says.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("events", EventViewSet, basename="event")
router.register("places", PlaceViewSet, basename="place")
router.register("sources", SourceViewSet, basename="source")
router.register("categories", CategoryViewSet, basename="category")
router.register("actors", ActorViewSet, basename="actor")
router.register("tours", TourViewSet, basename="tour")
router.register("demands", DemandViewSet, basename="demand")


def not_found(request):
    """Any other address under /api/ (an unknown endpoint, a slug no route takes) is a JSON 404 too."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves the page's script as a file (?script), which the CSP allows.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html"),
        name="docs",
    ),
    path("", include(router.urls)),
    # Only addresses that end in a slash: without one, APPEND_SLASH still redirects to the endpoint.
    re_path(r"^[\s\S]+/$", not_found),  # [\s\S], not ".": whatever the address holds, line breaks too
]
