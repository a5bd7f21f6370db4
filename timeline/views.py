import datetime
import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.http import Http404, JsonResponse, QueryDict
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, View

from core.dates_i18n import date_style
from core.embed import embeddable
from core.freshness import cached_by_content, content_state, kept_for_content
from core.styles import category_style, static_style, with_page_styles
from geo.models import Place

from .compact import CompactEncoder, events_columns, events_script
from .dates import FIRST_DAY, LAST_DAY
from .filters import EventFilters, FilterError, canonical_filters, last_value, search_limit
from .filters import contract as filters_contract
from .history import latest_published_version, published_versions
from .linked_data import event_data, place_data
from .models import CHRONOLOGY, Account, Actor, Category, Citation, Event, EventStatus, Source
from .paging import OPENING_YEAR, Page, canonical_page, chosen_page, pages_of
from .publication import with_published_events
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
    """What the explorer's page is built from: its filters, as written, the page of the list shown
    without JavaScript (``2011``, ``2011-2``: ``timeline.paging``) and the event it opens at."""
    page = canonical_page(request.GET.get("page", ""))
    return [*canonical_filters(request.GET), *([("page", page)] if page else []), *shown_event(request)]


# Written into the explorer's page (core/styles.py): the site's, Leaflet's and its own.
EXPLORER_STYLES = ("zhanaozen/site.css", "leaflet/leaflet.css", "timeline/explorer.css")


def explorer_styles(request) -> list[tuple[str, str]]:
    """The explorer's style sheets as its page holds them, (text, CSP source) each: the static ones,
    then the categories' colours (as ``/categories.css`` gives them to the other pages), for the state
    of the content the request has read (``cached_by_content``)."""
    colours = kept_for_content(
        "category-style",
        lambda: category_style(public_categories()),
        fingerprint=getattr(request, "content_fingerprint", None),
    )
    return [static_style(EXPLORER_STYLES), colours]


# The cache first: only a search whose page has to be built counts against the rate limit, so a class
# following one link (one build, then the cache) never meets it, and a loop of new searches does.
# Its inline styles' hashes outside it, so that a copy from the cache and a 304 carry them.
@method_decorator(with_page_styles(explorer_styles), name="dispatch")
@method_decorator(
    cached_by_content(
        parameters=explorer_parameters,
        limit=lambda request: search_limit(request.GET),
        version=lambda request: static_style(EXPLORER_STYLES)[1],
    ),
    name="dispatch",
)
class ExplorerView(PublishedEventsMixin, ListView):
    """The map and the timeline. Without JavaScript: the filtered list of events by year.

    Built once per state of the content: with thousands of events the page takes seconds to build.
    """

    template_name = "timeline/explorer.html"
    context_object_name = "events"
    # Where the filters' form (without JavaScript) and "Clear filters" lead: this same view.
    url_name = "timeline:explorer"

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
        matching = self.filters.apply(Event.objects.published()).order_by(*CHRONOLOGY)
        rows = list(matching.values_list("slug", "start_date"))
        pages = pages_of([start for _slug, start in rows])
        opened = self.request.GET.get("event")
        position = next((i for i, (slug, _start) in enumerate(rows) if slug == opened), None)
        page = chosen_page(pages, self.request.GET.get("page", ""), position)
        page_events = (
            matching.select_related("place").prefetch_related("categories")[page.offset : page.offset + page.count]
            if page
            else Event.objects.none()
        )
        # The content's state as this request read it already (``cached_by_content``), else read once.
        fingerprint = getattr(self.request, "content_fingerprint", None) or content_state().fingerprint
        facets = kept_for_content("explorer-facets", explorer_facets, fingerprint)
        filter_pairs = canonical_filters(self.request.GET)
        language = get_language()
        return super().get_context_data(
            events=page_events,
            matched=len(rows),
            page=page,
            pages=[paging_link(filter_pairs, other, page) for other in pages],
            previous_page=paging_neighbour(filter_pairs, pages, page, -1),
            next_page=paging_neighbour(filter_pairs, pages, page, 1),
            filters=self.filters,
            filter_error=self.filter_error,
            period_notes={name: self.filters.period_note(name) for name in ("from", "to")},
            span=(FIRST_DAY, LAST_DAY),
            initial_range=(datetime.date(OPENING_YEAR, 5, 1), datetime.date(OPENING_YEAR, 12, 31)),
            **facets,
            actor_slugs={actor.public_slug for actor in facets["actors"]},
            importance_choices=[
                (1, _("Key events only")),
                (2, _("Key and notable events")),
                (3, _("Key, notable and detail events")),
            ],
            present_query=selection_query(self.request.GET),
            explorer_url=reverse(self.url_name),
            share=explorer_share(self.request, self.filters, self.shown_event(), count=len(rows)),
            period_fields=[("from", _("From"), "2011-05"), ("to", _("To"), "2011-12")],
            events_url=f"{reverse('timeline:events-data')}?v={fingerprint}",
            # Few enough, the events come in the page: the first view waits for no request.
            inline_events=(
                kept_for_content("explorer-events", events_script, fingerprint)
                if facets["total"] <= settings.EXPLORER_INLINE_EVENTS
                else None
            ),
            page_styles=[mark_safe(text) for text, _source in explorer_styles(self.request)],  # checked: core/styles.py
            explorer_data={
                "filters": filters_contract(),
                "dates": date_style().as_json(),
                "search": reverse("timeline:events-search"),
                "language": language,
            },
            **kwargs,
        )


def explorer_facets() -> dict:
    """What the explorer's filters offer, with their counts, whatever the filters in use: the same for
    every page of a state of the content (``kept_for_content``), so a new search costs only itself."""
    return {
        "total": Event.objects.published().count(),
        "places": list(with_published_events(Place.objects)),
        "no_place_count": Event.objects.published().filter(place__isnull=True).count(),
        "categories": list(with_published_events(Category.objects).order_by("order", "name", "slug")),
        "actors": list(Actor.in_public_order(with_published_events(Actor.objects))),
        "disputed_count": Event.objects.published().disputed().count(),
    }


@method_decorator(embeddable, name="dispatch")
class EmbedExplorerView(ExplorerView):
    """``/embed/``: the explorer for other sites' frames, with the filters of its query string,
    without the site's header and footer, and a link to the same view on the site (its canonical
    address). Cached as the explorer is (its cache and rate limit come with it)."""

    url_name = "timeline:embed"

    def get_context_data(self, **kwargs):
        full_view = reverse("timeline:explorer")
        query = urlencode([*canonical_filters(self.request.GET), *shown_event(self.request)])
        return super().get_context_data(
            embed={"full_view": self.request.build_absolute_uri(full_view + (f"?{query}" if query else ""))},
            **kwargs,
        )


def paging_link(filter_pairs, page: Page, current: Page | None) -> dict:
    """A link to ``page`` of the list, keeping the filters."""
    return {"page": page, "query": urlencode([*filter_pairs, ("page", page.key)]), "current": page == current}


def paging_neighbour(filter_pairs, pages: list[Page], page: Page | None, step: int) -> dict | None:
    if page is None:
        return None
    index = pages.index(page) + step
    return paging_link(filter_pairs, pages[index], page) if 0 <= index < len(pages) else None


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


def immutable_when_current(view):
    """Let browsers keep a response for a year when its address names the content's current state
    (``?v=<fingerprint>``, as the explorer links it): that address never gives anything else. Any
    other address (no ``v``, or an old one) is revalidated each time, as ``cached_by_content`` says."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        version = request.GET.get("v", "")
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and version and version == content_state().fingerprint:
            del response["Cache-Control"]
            patch_cache_control(response, public=True, max_age=YEAR_IN_SECONDS, immutable=True)
        return response

    return wrapper


YEAR_IN_SECONDS = 365 * 24 * 60 * 60


@method_decorator(immutable_when_current, name="dispatch")
@method_decorator(cached_by_content, name="dispatch")
class EventsDataView(View):
    """Every published event as compact columns for the explorer's scripts (``timeline.compact``),
    in the page's language; cacheable apart from the page, which links it with its version."""

    def get(self, request):
        return JsonResponse(events_columns(), encoder=CompactEncoder)


def search_parameters(request) -> list[tuple[str, str]]:
    text = last_value(request.GET, "q").strip()
    return [("q", text)] if text else []


@method_decorator(immutable_when_current, name="dispatch")
@method_decorator(
    cached_by_content(
        parameters=search_parameters, limit=lambda request: "typing" if search_parameters(request) else None
    ),
    name="dispatch",
)
class EventSearchView(View):
    """The published events a free-text search finds (``q``), by slug: the explorer asks the server
    rather than holding every event's search text, and so finds exactly what the server's pages find
    (``EventQuerySet.search``). Other filters the browser applies itself."""

    def get(self, request):
        text = last_value(request.GET, "q").strip()
        slugs = list(Event.objects.published().search(text).order_by(*CHRONOLOGY).values_list("slug", flat=True))
        return JsonResponse({"q": text, "slugs": slugs}, json_dumps_params={"ensure_ascii": False})


class EventDetailsMixin(PublishedEventsMixin):
    """An event with what its details show: people, citations and their sources, accounts."""

    context_object_name = "event"

    def get_queryset(self):
        return details_of(super().get_queryset())


def details_of(events):
    return events.prefetch_related(
        "actors",
        Prefetch("citations", Citation.objects.select_related("source")),
        Prefetch("accounts", Account.objects.select_related("source").order_by("order", "pk")),
    )


@method_decorator(cached_by_content, name="dispatch")
class EventPanelView(EventDetailsMixin, DetailView):
    """The event's details as a fragment, for the explorer's details panel."""

    template_name = "timeline/includes/_event_panel.html"


class EventPageMixin(EventDetailsMixin):
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
            structured_data=event_data(event, self.request),
            version_url=self.request.build_absolute_uri(
                reverse("timeline:event-version", kwargs={"slug": event.slug, "version": latest_version.pk})
            )
            if latest_version
            else "",
            **kwargs,
        )


@method_decorator(cached_by_content, name="dispatch")
class EventDetailView(EventPageMixin, DetailView):
    """A published event's page, for everyone: built once per state of the content."""


@method_decorator(never_cache, name="dispatch")
class EventPreviewView(EventPageMixin, DetailView):
    """An event not yet published, at the address it will have, for the editors alone: with a banner
    saying so, never kept in a cache (``never_cache``: private, no-store; and not through
    ``cached_by_content``, whose copies every visitor is served), and not for search engines."""

    def get_queryset(self):
        unpublished = Event.objects.exclude(status=EventStatus.PUBLISHED)
        return details_of(unpublished.select_related("place").prefetch_related("categories"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def may_preview(request) -> bool:
    """Whether ``request`` comes from an editor signed in to the admin (with their second factor where
    they have one) who may see events there. Only a request with a session cookie is asked, so that a
    visitor's request reads no session and its response does not vary with cookies."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return admin.site.has_permission(request) and request.user.has_perm("timeline.view_event")


def event_page(request, slug):
    """``/events/<slug>/``: a published event for everyone (from the cache); an unpublished one for
    editors only (``EventPreviewView``), and "not found" for anyone else."""
    if may_preview(request) and Event.objects.filter(slug=slug).exclude(status=EventStatus.PUBLISHED).exists():
        return EventPreviewView.as_view()(request, slug=slug)
    return EventDetailView.as_view()(request, slug=slug)


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
        return super().get_context_data(
            share=place_share(self.object), structured_data=place_data(self.object, self.request), **kwargs
        )

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
            # As a reader looks for them: "geopolitic.org" among the G's, not after every capital.
            .order_by(Lower("publisher"), Lower("title"), "pk")
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
        return public_categories()


def public_categories():
    """The categories whose colours the pages give: a category only drafts use is not public yet (its
    name could give away what they are about)."""
    return with_published_events(Category.objects).order_by("order", "slug")
