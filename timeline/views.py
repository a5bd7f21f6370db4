import json

from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.dates_i18n import date_style
from core.freshness import cached_by_content
from core.ratelimits import rate_limited
from geo.models import Place

from .dates import FIRST_DAY, LAST_DAY, period_end
from .filters import EventFilters, FilterError, canonical_filters, search_limit
from .filters import contract as filters_contract
from .history import latest_published_version, published_versions
from .models import Account, Actor, Category, Citation, Event, Source
from .publication import with_published_events
from .search import search_field
from .share import event_share, explorer_share, place_share


class PublishedEventsMixin:
    """Public pages show published events only, with what a list of them needs."""

    def get_queryset(self):
        return Event.objects.published().select_related("place").prefetch_related("categories")


def shown_event(request) -> list[tuple[str, str]]:
    """``event``, the event a page opens at (read as ``request.GET.get`` reads it: the last value),
    when it is a published event's slug: any other opens none, as if it were left out."""
    slug = request.GET.get("event")
    if slug and Event.objects.published().filter(slug=slug).exists():
        return [("event", slug)]
    return []


def explorer_parameters(request) -> list[tuple[str, str]]:
    """What the explorer's page is built from: its filters, as written, and the event it opens at."""
    return [*canonical_filters(request.GET), *shown_event(request)]


# The cache first: only a search whose page has to be built counts against the rate limit, so a class
# following one link (one build, then the cache) never meets it, and a loop of new searches does.
@method_decorator(cached_by_content(parameters=explorer_parameters), name="dispatch")
@method_decorator(rate_limited(lambda request: search_limit(request.GET)), name="dispatch")
class ExplorerView(PublishedEventsMixin, ListView):
    """The map and the timeline. Without JavaScript: the filtered list of events by year.

    Built once per state of the content: with thousands of events the page takes seconds to build.
    """

    template_name = "timeline/explorer.html"
    context_object_name = "events"

    def get(self, request, *args, **kwargs):
        self.filter_error = None
        try:
            self.filters = EventFilters.from_query(request.GET)
        except FilterError as error:
            self.filter_error = error
            self.filters = EventFilters()
        response = super().get(request, *args, **kwargs)
        if self.filter_error:
            response.status_code = 400  # the page, with what is wrong, and every event: nothing is lost
        return response

    def shown_event(self) -> Event | None:
        """The event the explorer opens at (``event=``), if it is published."""
        shown = shown_event(self.request)
        return Event.objects.published().select_related("place").get(slug=shown[0][1]) if shown else None

    def get_context_data(self, **kwargs):
        events = (
            self.object_list.with_disputed().prefetch_related("actors").order_by("start_date", "importance", "slug")
        )
        matching = set(self.filters.apply(Event.objects.published()).values_list("slug", flat=True))
        places = with_published_events(Place.objects)
        categories = with_published_events(Category.objects).order_by("order", "name", "slug")
        actors = Actor.in_public_order(with_published_events(Actor.objects))
        return super().get_context_data(
            events=events,
            in_explorer=True,
            matching=matching,
            matching_years={event.start_date.year for event in events if event.slug in matching},
            filters=self.filters,
            filter_error=self.filter_error,
            period_notes={name: self.filters.period_note(name) for name in ("from", "to")},
            span=(FIRST_DAY, LAST_DAY),
            categories=categories,
            places=places,
            actors=actors,
            actor_slugs={actor.public_slug for actor in actors},
            disputed_count=sum(1 for event in events if event.is_disputed),
            importance_choices=[
                (1, _("Key events only")),
                (2, _("Key and notable events")),
                (3, _("Key, notable and detail events")),
            ],
            present_query=selection_query(self.request.GET),
            share=explorer_share(self.request, self.filters, self.shown_event()),
            period_fields=[("from", _("From"), "2011-05"), ("to", _("To"), "2011-12")],
            explorer_data={
                "events": [explorer_event(event) for event in events],
                "places": [explorer_place(place) for place in places],
                "categories": [{"slug": c.slug, "name": c.name, "color": c.color} for c in categories],
                "filters": filters_contract(),
                "dates": date_style().as_json(),
            },
            **kwargs,
        )


def selection_query(query: QueryDict) -> str:
    """The explorer's filters (and selected event) as a slideshow's query string: ``/present/?…``.

    With no filter it asks for every event (from the first year), not for the list of tours."""
    selection = QueryDict(mutable=True)
    for name in EventFilters.parameters:
        if any(value.strip() for value in query.getlist(name)):
            selection.setlist(name, query.getlist(name))
    if not selection:
        selection["from"] = str(FIRST_DAY.year)
    if query.get("event"):
        selection["event"] = query["event"]
    return selection.urlencode()


def explorer_place(place: Place) -> dict:
    return {
        "slug": place.slug,
        "name": place.name,
        "kind": place.kind,
        "lat": place.geom.y,
        "lon": place.geom.x,
        "area": json.loads(place.area.geojson) if place.area else None,
    }


def explorer_event(event: Event) -> dict:
    """What the explorer's scripts need of an event (details come from the event's panel URL)."""
    return {
        "slug": event.slug,
        "title": event.title,
        "summary": event.summary,
        "date": event.date_display,
        "start": event.start_date.isoformat(),
        "end": event.end_date.isoformat() if event.end_date else None,
        # The last day the event may mean: "December 2011" lasts to the 31st.
        "last": period_end(
            event.end_date or event.start_date, event.end_precision if event.end_date else event.date_precision
        ).isoformat(),
        "precision": event.date_precision,
        "endPrecision": event.end_precision,
        "place": event.place.slug if event.place else None,
        "categories": [category.slug for category in event.categories.all()],
        "actors": [actor.public_slug for actor in event.actors.all()],
        "importance": event.importance,
        # Whether sources disagree on it (the ``disputed`` filter): from ``Event.objects.with_disputed()``.
        "disputed": event.is_disputed,
        # What the server searches for the page's language (EventQuerySet.search), searched alike.
        "search": getattr(event, search_field()) or "",
    }


@method_decorator(cached_by_content, name="dispatch")
class EventPanelView(PublishedEventsMixin, DetailView):
    """The event's details as a fragment, for the explorer's details panel."""

    template_name = "timeline/includes/_event_panel.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "actors",
                Prefetch("citations", Citation.objects.select_related("source")),
                Prefetch("accounts", Account.objects.select_related("source").order_by("order", "pk")),
            )
        )


class EventDetailView(EventPanelView):
    """The event's own page: the details, a map, its neighbours in time and related events."""

    template_name = "timeline/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.object
        published = Event.objects.published().select_related("place")
        latest_version = latest_published_version(event)
        return super().get_context_data(
            previous=published.before(event).first(),
            next=published.after(event).first(),
            related=related_events(event, published.related_to(event)),
            page_url=self.request.build_absolute_uri(event.get_absolute_url()),
            latest_version=latest_version,
            share=event_share(event),
            version_url=self.request.build_absolute_uri(
                reverse("timeline:event-version", kwargs={"slug": event.slug, "version": latest_version.pk})
            )
            if latest_version
            else "",
            **kwargs,
        )


class EventHistoryMixin:
    """The public history of a published event (an event not published has none: 404)."""

    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published()


@method_decorator(cached_by_content, name="dispatch")
class EventHistoryView(EventHistoryMixin, DetailView):
    """Every published version of a published event, newest first, with what each changed."""

    template_name = "timeline/event_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(versions=published_versions(self.object), **kwargs)


@method_decorator(cached_by_content, name="dispatch")
class EventVersionView(EventHistoryMixin, DetailView):
    """A published event as one of its published versions read, at its own permanent address."""

    template_name = "timeline/event_version.html"

    def get_context_data(self, **kwargs):
        versions = published_versions(self.object)  # newest first
        index = next((i for i, version in enumerate(versions) if version.pk == self.kwargs["version"]), None)
        if index is None:
            raise Http404("No published version of this event has that number.")
        return super().get_context_data(
            shown=versions[index],
            newer=versions[index - 1] if index > 0 else None,
            older=versions[index + 1] if index + 1 < len(versions) else None,
            page_url=self.request.build_absolute_uri(self.request.path),
            **kwargs,
        )


def related_events(event: Event, candidates, limit: int = 6) -> list[Event]:
    """The related events most worth reading next: most people in common first, then nearest in time."""
    actors = set(event.actors.values_list("pk", flat=True))
    candidates = list(candidates.prefetch_related("actors"))

    def closeness(other):
        shared = len(actors & {actor.pk for actor in other.actors.all()})
        return (-shared, abs((other.start_date - event.start_date).days), other.slug)

    return sorted(candidates, key=closeness)[:limit]


@method_decorator(cached_by_content, name="dispatch")
class PlaceDetailView(DetailView):
    """A place and the published events there."""

    template_name = "timeline/place_detail.html"
    context_object_name = "place"

    def get_context_data(self, **kwargs):
        return super().get_context_data(share=place_share(self.object), **kwargs)

    def get_queryset(self):
        # A place only drafts use is not public yet: its name could give away what they are about.
        return with_published_events(Place.objects).prefetch_related(
            Prefetch(
                "events",
                Event.objects.published().prefetch_related("categories").order_by("start_date", "importance"),
                to_attr="published_events",
            )
        )


@method_decorator(cached_by_content, name="dispatch")
class SourceListView(ListView):
    template_name = "timeline/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        published = Event.objects.published()
        return (
            with_published_events(Source.objects, "citations__event")
            .order_by("publisher", "title")
            .prefetch_related(
                Prefetch(
                    "citations",
                    Citation.objects.filter(event__in=published).select_related("event").order_by("event__start_date"),
                    to_attr="published_citations",
                )
            )
        )


@method_decorator(cached_by_content, name="dispatch")
class CategoryStylesView(ListView):
    """Category colours as a stylesheet: editors choose them, and no inline style is needed (CSP)."""

    template_name = "timeline/categories.css"
    context_object_name = "categories"
    content_type = "text/css; charset=utf-8"

    def get_queryset(self):
        # A category only drafts use is not public yet: its name could give away what they are about.
        return with_published_events(Category.objects).order_by("order", "slug")
