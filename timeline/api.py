"""The API's events (with filters that mirror the explorer's), places, categories, people and sources."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from core.api import ERRORS, PublicAPIMixin
from core.renderers import CSVRenderer, GeoJSONRenderer, LinkedPlacesRenderer
from geo.models import Place
from geo.serializers import PlaceFeatureSerializer

from .filters import EventFilters, FilterError, canonical_filters, search_limit
from .lpf import LinkedPlaceSerializer
from .models import CHRONOLOGY, Account, Actor, Category, Citation, Event, Source
from .publication import with_published_events
from .serializers import (
    ActorSerializer,
    CategorySerializer,
    EventCSVSerializer,
    EventDetailSerializer,
    EventFeatureSerializer,
    EventSerializer,
    SourceWithCountSerializer,
)


class EventFilterBackend(BaseFilterBackend):
    """The explorer's filters (``timeline/filters.py``): the API lists what the explorer shows for the
    same query string. A bad value is a 400 that names its parameter."""

    def filter_queryset(self, request, queryset, view):
        try:
            filters = EventFilters.from_query(request.query_params)
        except FilterError as error:
            raise exceptions.ValidationError({error.parameter: [error.message]}) from None
        return filters.apply(queryset)

    def get_schema_operation_parameters(self, view):
        # Each filter may come empty, as a form sends it: the same as leaving it out.
        return [
            {"name": name, "in": "query", "required": False, "allowEmptyValue": True, **documented}
            for name, documented in FILTER_PARAMETERS.items()
        ]


class EventPagination(PageNumberPagination):
    """Pages of 100 events by default; ``page_size`` up to 1000. Bad values are 400s that name them."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not is_whole_number(value, maximum=self.max_page_size):
            message = _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return int(value)

    def get_page_number(self, request, paginator):
        self.checked_page(request)
        return super().get_page_number(request, paginator)

    def checked_page(self, request) -> str:
        """The page asked for ("1" when none): a whole number from 1, or "last"; else a 400 naming it.
        A page past the end stays a 404, as in any DRF API; a page that cannot exist is a bad value."""
        value = request.query_params.get(self.page_query_param, "1")
        if value in self.last_page_strings or is_whole_number(value):
            return value
        raise exceptions.ValidationError({self.page_query_param: [_("Give a page number: 1 or more.")]})

    def check_single_page(self, request):
        """For a download, which is one page holding every event: ``page`` and ``page_size`` are read
        as for JSON (a bad value is a 400 naming it), and a page after the first is not found."""
        self.get_page_size(request)
        page = self.checked_page(request)
        if page not in self.last_page_strings and page.lstrip("0") != "1":
            raise exceptions.NotFound(_("Invalid page: GeoJSON and CSV are one page holding every event."))

    def canonical_parameters(self, request) -> list[tuple[str, str]]:
        """``page`` and ``page_size`` in one form (as the last value given, which is the one read):
        a whole number without leading zeros, left out where it is the default; anything else (a
        bad value, ``last``) as it came."""
        pairs = []
        for name, default in ((self.page_query_param, "1"), (self.page_size_query_param, str(self.page_size))):
            value = request.query_params.get(name)
            if value is not None and is_whole_number(value):
                value = value.lstrip("0")
            if value is not None and value != default:
                pairs.append((name, value))
        return pairs

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
                parameter["description"] = _(
                    "How many events a page of JSON holds. GeoJSON and CSV are one page with every event."
                )
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
                parameter["description"] = _(
                    "A page of JSON; a page past the last is not found (404). GeoJSON and CSV are one "
                    "page with every event, so only page 1 exists."
                )
        return parameters


def is_whole_number(value: str, *, maximum: int | None = None) -> bool:
    """Whether ``value`` is a whole number from 1 (to ``maximum``) in ASCII digits, however long."""
    digits = value.lstrip("0")
    if not (value.isascii() and value.isdigit() and digits):
        return False
    # Compared by length first: Python refuses to read a number of thousands of digits.
    return maximum is None or (len(digits) <= len(str(maximum)) and int(digits) <= maximum)


# A year, a month or a day: YYYY, YYYY-MM (a year from 0001: there is no year 0) or a calendar date.
YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
PERIOD_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": f"^{YEAR}(-(0[1-9]|1[0-2]))?$"},
        {"type": "string", "format": "date"},
    ]
}
# Any text but the NUL character, which no slug or text has (and PostgreSQL refuses): a 400.
TEXT = {"type": "string", "pattern": "^[^\\x00]*$"}

# The filters as the schema documents them (see timeline/filters.py, which reads them).
FILTER_PARAMETERS = {
    "from": {
        "schema": PERIOD_SCHEMA,
        "description": _(
            "Events still going on at or after the start of this year, month or day: YYYY, YYYY-MM or YYYY-MM-DD "
            "(a day in the calendar; years from 0001)."
        ),
    },
    "to": {
        "schema": PERIOD_SCHEMA,
        "description": _(
            "Events begun by the end of this year, month or day: to=2011-06 is through 30 June 2011. "
            "The same forms as from; not before it."
        ),
    },
    "category": {
        "schema": TEXT,
        "description": _("Category slugs, separated by commas: events in any of them. See /api/categories/."),
    },
    "place": {"schema": TEXT, "description": _("A place's slug: the events there. See /api/places/.")},
    "actor": {
        "schema": TEXT,
        "description": _("The slug of a person or an organisation: the events naming them. See /api/actors/."),
    },
    "q": {
        "schema": TEXT,
        "description": _(
            "Text to find in titles, summaries and the names (and other spellings) of places, people and organisations."
        ),
    },
    "importance": {
        "schema": {"type": "integer", "enum": [1, 2, 3]},
        "description": _("Events at least this important: 1 key events, 2 also notable ones, 3 all."),
    },
    "disputed": {
        "schema": {"type": "integer", "enum": [1]},
        "description": _(
            "1: only events where sources disagree (a death toll, a date, a sentence), whose accounts the "
            "event's page sets side by side (`accounts` in an event)."
        ),
    },
}

EVENT_PARAMETERS = [
    OpenApiParameter(
        "format",
        enum=["json", "geojson", "csv"],
        description=_("json (the default, in pages), geojson or csv (every matching event at once)."),
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary=_("Published events, in order"),
        description=_(
            "JSON comes in pages (page, page_size). GeoJSON (format=geojson) and CSV (format=csv) "
            "give every matching event at once, for maps and spreadsheets. A filter given empty, as a "
            "form sends it, is the same as no filter."
        ),
        parameters=EVENT_PARAMETERS,
        responses={
            (200, "application/json"): EventSerializer(many=True),
            (200, "application/geo+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description=_("A GeoJSON FeatureCollection, one Feature per event.")
            ),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=_("One row per event.")),
            **ERRORS,
        },
    ),
    retrieve=extend_schema(
        summary=_("A published event with its text and sources"),
        responses={200: EventDetailSerializer, **ERRORS},
    ),
)
class EventViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published events, in the timeline's order (CHRONOLOGY: by date; on one day, in the sources'
    order, then by importance)."""

    lookup_field = "slug"
    filter_backends = [EventFilterBackend]
    pagination_class = EventPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, GeoJSONRenderer, CSVRenderer]
    list_serializer_classes = {"geojson": EventFeatureSerializer, "csv": EventCSVSerializer}
    download_name = "zhanaozen-events"

    def rate_limit_group(self, request):
        """A search, or a download of every matching event at once: built afresh each time (the JSON
        pages without a search are not limited)."""
        if self.action != "list":
            return None
        if search_limit(request.query_params):
            return "search"
        return "download" if request.accepted_renderer.format in self.download_formats else None

    def cache_parameters(self, request):
        parameters = super().cache_parameters(request)
        if self.action != "list":
            return parameters
        # The filters as the events they select: the JSON shows no period as it was written.
        filters = canonical_filters(request.query_params, as_written=False)
        return [*parameters, *filters, *self.paginator.canonical_parameters(request)]

    def get_queryset(self):
        events = (
            Event.objects.published()
            # Prefetched rather than joined: a dozen places serve thousands of events, and each
            # place (and its point) is then built once, not once per event.
            .prefetch_related("place", Prefetch("categories", Category.objects.order_by("order", "name", "slug")))
        )
        if self.action == "retrieve":
            events = events.prefetch_related(
                Prefetch("actors", Actor.objects.order_by("name", "slug")),
                Prefetch("citations", Citation.objects.select_related("source").order_by("source__publisher", "pk")),
                Prefetch("accounts", Account.objects.select_related("source").order_by("order", "pk")),
            )
        return events.order_by(*CHRONOLOGY)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return EventDetailSerializer
        renderer = getattr(self.request, "accepted_renderer", None)
        return self.list_serializer_classes.get(getattr(renderer, "format", None), EventSerializer)

    def get_renderers(self):
        if self.action == "retrieve":
            return [JSONRenderer(), BrowsableAPIRenderer()]
        return super().get_renderers()

    def paginate_queryset(self, queryset):
        # Downloads (GeoJSON for a map, CSV for a spreadsheet) are whole, one page: their readers do not page.
        if self.request.accepted_renderer.format in self.download_formats:
            self.paginator.check_single_page(self.request)
            return None
        return super().paginate_queryset(queryset)


@extend_schema_view(
    list=extend_schema(
        summary=_("Places (a GeoJSON FeatureCollection)"),
        description=_(
            "GeoJSON by default. format=lpf gives the Linked Places Format (GeoJSON-LD) that gazetteers "
            "read: each place's names, the span of its events and its links to Wikidata and GeoNames."
        ),
        parameters=[
            OpenApiParameter(
                "format",
                enum=["geojson", "json", "lpf"],
                description=_("geojson (the default), json, or lpf (Linked Places Format)."),
            )
        ],
        responses={
            (200, "application/geo+json"): PlaceFeatureSerializer(many=True),
            (200, "application/json"): PlaceFeatureSerializer(many=True),
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=_(
                    "A Linked Places FeatureCollection: @context, and features with @id, properties.title, "
                    "names, when (timespans) and links (closeMatch)."
                ),
            ),
            **ERRORS,
        },
    ),
    retrieve=extend_schema(summary=_("A place (a GeoJSON Feature)"), responses={200: PlaceFeatureSerializer, **ERRORS}),
)
class PlaceViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Places with published events, each a GeoJSON Feature at its point, with its number of events."""

    serializer_class = PlaceFeatureSerializer
    renderer_classes = [GeoJSONRenderer, JSONRenderer, BrowsableAPIRenderer, LinkedPlacesRenderer]
    lookup_field = "slug"
    pagination_class = None
    download_formats = PublicAPIMixin.download_formats | {"lpf"}
    cached_formats = PublicAPIMixin.cached_formats | {"lpf"}

    @property
    def linked_places(self) -> bool:
        renderer = getattr(self.request, "accepted_renderer", None)
        return self.action == "list" and getattr(renderer, "format", None) == "lpf"

    def get_renderers(self):
        if self.action == "retrieve":
            return [renderer for renderer in super().get_renderers() if renderer.format != "lpf"]
        return super().get_renderers()

    def get_serializer_class(self):
        return LinkedPlaceSerializer if self.linked_places else PlaceFeatureSerializer

    def get_queryset(self):
        places = with_published_events(Place.objects.all()).order_by("name", "slug")
        if self.linked_places:
            dates = Event.objects.published().only(
                "place_id", "start_date", "date_precision", "end_date", "end_precision"
            )
            places = places.prefetch_related(Prefetch("events", dates, to_attr="published_events"))
        return places


@extend_schema_view(
    list=extend_schema(
        summary=_("Categories that published events have"), responses={200: CategorySerializer(many=True), **ERRORS}
    )
)
class CategoryViewSet(PublicAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = CategorySerializer
    pagination_class = None

    def get_queryset(self):
        return with_published_events(Category.objects.all()).order_by("order", "name", "slug")


@extend_schema_view(
    list=extend_schema(
        summary=_("People and organisations named in published events"),
        responses={200: ActorSerializer(many=True), **ERRORS},
    )
)
class ActorViewSet(PublicAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ActorSerializer
    pagination_class = None

    def get_queryset(self):
        return with_published_events(Actor.objects.all()).order_by("name", "slug")

    def filter_queryset(self, queryset):
        return Actor.in_public_order(super().filter_queryset(queryset))


@extend_schema_view(
    list=extend_schema(
        summary=_("Sources that published events cite"), responses={200: SourceWithCountSerializer(many=True), **ERRORS}
    )
)
class SourceViewSet(PublicAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = SourceWithCountSerializer
    pagination_class = None

    def get_queryset(self):
        return with_published_events(Source.objects.all(), events="citations__event").order_by(
            "publisher", "title", "slug"
        )
