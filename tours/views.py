"""The tours: their list, each one presented full screen and as a printable handout, a tour made by
anyone and carried in its address (``/present/?events=…``, ``tours.address``), the builder that
makes one, and a slideshow of the explorer's selection (``/present/?<filters>``)."""

from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView

from core.embed import embeddable
from core.freshness import cached_by_content, content_state
from core.ratelimits import rate_limited
from core.share import Share
from timeline.filters import EventFilters, FilterError, canonical_filters, last_value, search_limit
from timeline.models import CHRONOLOGY, Event
from timeline.og import draw_map, kept_for_sharing, places_of, png
from timeline.views import shown_event

from . import address
from .address import AddressedTour, TourAddressError
from .models import Tour
from .offline import tour_addresses
from .presentation import closing, event_slides, opening, tour_slides, year_ticks
from .qr import qr_svg


def query_string(pairs) -> str:
    """``pairs`` as a query string, the commas of ``events=a,b,c`` left as they are (shorter, readable)."""
    return urlencode(pairs, safe=",")


class SlideshowMixin:
    """What every slideshow shares: its template, the mini-timeline and the presenter view."""

    template_name = "tours/present.html"

    @property
    def presenter(self) -> bool:
        """The presenter view (``?notes=1``): the slides with the teacher's notes, a timer, what is next."""
        return self.request.GET.get("notes") == "1"

    def get_slideshow_context(
        self, *, title: str, slides: list, channel: str, address: str, summary: str = "", start=None, total=None
    ) -> dict:
        """``address``: the slideshow's path and query for its audience, which the closing slide's QR
        code gives. ``start``: the slide it opens at (the opening slide unless it says). ``total``:
        how many events there would be, when only the first of them are shown."""
        total = len(slides) if total is None else total
        presenter_query = self.request.GET.copy()
        presenter_query["notes"] = "1"
        bookends = {
            "opening": opening(slides, title=title, summary=summary),
            "closing": closing(slides, address=address),
        }
        return {
            "title": title,
            "slides": slides,
            **(bookends if slides else {}),
            # Every slide, the opening and the closing ones too: "Slide n of N".
            "slide_count": len(slides) + 2 if slides else 1,
            "start": start or 1,
            "total": total,
            "truncated": total > len(slides),
            "ticks": year_ticks(),
            # Windows presenting the same slideshow keep in step on this channel.
            "channel": channel,
            "notes": self.presenter,
            # The presenter view of the same slides (a selection keeps its filters); the script adds the slide.
            "presenter_query": presenter_query.urlencode(safe=","),
        }


class TourListView(ListView):
    """The published tours; above them, why a selection could not be presented, if it could not."""

    template_name = "tours/tour_list.html"
    context_object_name = "tours"
    queryset = Tour.objects.published().order_by("order", "title")
    filter_error = None

    address_error = None
    # The slugs of a tour's address none of which is a published event.
    missing = ()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_error=self.filter_error, address_error=self.address_error, missing=self.missing, **kwargs
        )

    def render_to_response(self, context, **response_kwargs):
        if self.filter_error or self.address_error:
            response_kwargs.setdefault("status", 400)
        elif self.missing:
            response_kwargs.setdefault("status", 404)
        return super().render_to_response(context, **response_kwargs)


class SelectionSlideshowView(SlideshowMixin, TemplateView):
    """The events the explorer's filters select, as a slideshow; it starts at ``?event=<slug>``."""

    def get(self, request, *args, **kwargs):
        try:
            self.filters = EventFilters.from_query(request.GET)
        except FilterError as error:
            return TourListView.as_view(filter_error=error)(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        events = self.filters.apply(Event.objects.published()).order_by(*CHRONOLOGY)
        slides = event_slides(events)
        wanted = self.request.GET.get("event")
        start = next((slide.number for slide in slides if slide.event.slug == wanted), None)
        # Only the windows that show this selection keep in step, not those of another one.
        values = [(name, value) for name in EventFilters.parameters for value in self.request.GET.getlist(name)]
        selection = urlencode(sorted(values))
        slideshow = self.get_slideshow_context(
            title=_("Selected events"),
            slides=slides,
            channel=f"selection?{selection}",
            address=f"{reverse('tours:tours')}?{selection}",
            start=start,
            total=events.count(),
        )
        builder = f"{reverse('tours:build')}?{selection}"
        return super().get_context_data(**slideshow, builder_url=builder, **kwargs)


class AddressedTourMixin:
    """A tour read from its address (``tours.address``): its slides, in the address's order, of the
    events that are published; the others are named on a page of their own when none is left, and
    above the slides when some are."""

    def get(self, request, *args, **kwargs):
        try:
            self.tour = AddressedTour.from_query(request.GET)
        except TourAddressError as error:
            return TourListView.as_view(address_error=error)(request, *args, **kwargs)
        published = Event.objects.published().filter(slug__in=self.tour.slugs)
        found = set(published.values_list("slug", flat=True))
        self.missing = [slug for slug in self.tour.slugs if slug not in found]
        if not found:
            return TourListView.as_view(missing=self.missing)(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def addressed_context(self, *, notes: bool) -> dict:
        tour = self.tour
        slides = event_slides(
            Event.objects.published(),
            order=list(tour.slugs),
            notes=dict(zip(tour.slugs, tour.notes, strict=True)) if notes else None,
        )
        audience = query_string(tour.parameters(notes=False))
        wanted = self.request.GET.get("event")
        return {
            **self.get_slideshow_context(
                title=tour.title or _("A tour of your own"),
                slides=slides,
                # The presenter and the audience of the same tour keep in step; the notes are the presenter's.
                channel=f"tour?{audience}",
                address=f"{reverse('tours:tours')}?{audience}",
                start=next((slide.number for slide in slides if slide.event.slug == wanted), None),
            ),
            "missing": self.missing,
            "handout_url": f"{reverse('tours:selection-handout')}?{audience}",
            "back_url": f"{reverse('tours:tours')}?{audience}",
            "builder_url": f"{reverse('tours:build')}?{query_string(tour.parameters())}",
        }


class AddressedSlideshowView(AddressedTourMixin, SlideshowMixin, TemplateView):
    """``/present/?events=a,b,c&title=…&stopnotes=…``: a tour anyone made, from its address."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.addressed_context(notes=self.presenter), **kwargs)


class AddressedHandoutView(AddressedSlideshowView):
    """``/present/handout/?events=…``: the handout of a tour's address (the audience's: no notes)."""

    template_name = "tours/handout.html"
    presenter = False  # a handout is the audience's: never the notes


tour_list = TourListView.as_view()
selection_slideshow = SelectionSlideshowView.as_view()
addressed_slideshow = AddressedSlideshowView.as_view()


def presenter_parameters(request) -> list[tuple[str, str]]:
    """``notes=1``, the presenter view, read as ``SlideshowMixin.presenter`` reads it."""
    return [("notes", "1")] if request.GET.get("notes") == "1" else []


def address_parameters(request) -> list[tuple[str, str]]:
    """A tour's address as it is read (``tours.address``); when it cannot be read, its parameters
    as written (their last values), whose page says why."""
    try:
        return AddressedTour.from_query(request.GET).parameters()
    except TourAddressError:
        return [(name, request.GET.getlist(name)[-1]) for name in address.PARAMETERS if name in request.GET]


def selection_parameters(request) -> list[tuple[str, str]]:
    """What ``/present/`` is built from: a tour's address, or the filters as written; the event it
    starts at, the presenter view. Any filter in the query, even empty, asks for a slideshow, not the
    tours."""
    if address.asks_for_addressed_tour(request.GET):
        return [*address_parameters(request), *shown_event(request), *presenter_parameters(request)]
    filters = canonical_filters(request.GET)
    if not filters and any(name in request.GET for name in EventFilters.parameters):
        filters = [("q", "")]  # every event: an empty filter, which still asks for the slideshow
    return [*filters, *shown_event(request), *presenter_parameters(request)]


# The cache first: only a search whose slides have to be built counts against the rate limit.
@cached_by_content(parameters=selection_parameters, limit=lambda request: search_limit(request.GET))
def tours_or_selection(request, *args, **kwargs):
    """``/present/``: the tours; with ``events=`` a tour from its address; with any of the explorer's
    filters in the query, a slideshow of their selection."""
    if address.asks_for_addressed_tour(request.GET):
        return addressed_slideshow(request, *args, **kwargs)
    if any(name in request.GET for name in EventFilters.parameters):
        return selection_slideshow(request, *args, **kwargs)
    return tour_list(request, *args, **kwargs)


@method_decorator(cached_by_content(parameters=presenter_parameters), name="dispatch")
class TourPresentView(SlideshowMixin, DetailView):
    context_object_name = "tour"
    queryset = Tour.objects.published()

    def get_context_data(self, **kwargs):
        tour = self.object
        slideshow = self.get_slideshow_context(
            title=tour.title,
            summary=tour.summary,
            slides=tour_slides(tour, notes=self.presenter),
            channel=tour.slug,
            address=tour.get_absolute_url(),
        )
        # A tour of one's own, begun from this one.
        own = [("events", ",".join(slide.event.slug for slide in slideshow["slides"])), ("title", tour.title)]
        return super().get_context_data(
            **slideshow,
            share=tour_share(tour),
            handout_url=reverse("tours:handout", kwargs={"slug": tour.slug}),
            back_url=tour.get_absolute_url(),
            builder_url=f"{reverse('tours:build')}?{query_string(own)}",
            **kwargs,
        )


@method_decorator(embeddable, name="dispatch")
class TourEmbedView(TourPresentView):
    """``/embed/tour/<slug>/``: a tour's slideshow for other sites' frames, with a link to the tour
    on the site (its canonical address) and never the teachers' notes."""

    presenter = False

    def get_context_data(self, **kwargs):
        full_view = reverse("tours:present", kwargs={"slug": self.object.slug})
        context = super().get_context_data(embed={"full_view": self.request.build_absolute_uri(full_view)}, **kwargs)
        # Not in step with a teacher's windows presenting the same tour on this computer.
        context["channel"] = f"embed-{self.object.slug}"
        return context


def tour_share(tour: Tour) -> Share:
    """What a tour says when it is shared: its title, its summary, the map of its stops."""
    return Share(
        title=tour.title,
        description=tour.summary or _("A tour for the classroom: %(title)s") % {"title": tour.title},
        image=reverse("tours:og", kwargs={"slug": tour.slug}),
        image_alt=_("Map of the places of this tour: %(title)s") % {"title": tour.title},
        embed=reverse("tours-embed:tour", kwargs={"slug": tour.slug}),
    )


@kept_for_sharing
@cached_by_content
def tour_image(request, slug: str):
    """``/present/<slug>/og.png``: the tour's title and the places of its stops, with their counts."""
    tour = get_object_or_404(Tour.objects.published(), slug=slug)
    events = Event.objects.published().filter(tour_stops__tour=tour)
    marks = places_of(events)
    subtitle = ngettext("A tour of %(count)s event", "A tour of %(count)s events", events.count()) % {
        "count": events.count()
    }
    return png(draw_map(tour.title, subtitle, marks))


class TourHandoutView(TourPresentView):
    template_name = "tours/handout.html"


@cached_by_content
def tour_offline(request, slug: str):
    """``/present/<slug>/offline.json``: what "Save for offline" keeps of the tour (tours.offline)."""
    tour = get_object_or_404(Tour.objects.published(), slug=slug)
    return JsonResponse({"urls": tour_addresses(tour)})


addressed_handout = cached_by_content(parameters=address_parameters)(AddressedHandoutView.as_view())


@cached_by_content(parameters=address_parameters)
def tour_qr_code(request):
    """``/present/qr.svg?events=…``: the QR code of a tour's address for its audience (no notes), for
    the builder, which shows the code of the address it is making."""
    try:
        tour = AddressedTour.from_query(request.GET)
    except TourAddressError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    path = f"{reverse('tours:tours')}?{query_string(tour.parameters(notes=False))}"
    svg = qr_svg(request.build_absolute_uri(path), title=tour.title or _("A tour of your own"), document=True)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


# How many events a search in the builder offers (without JavaScript: the page lists them).
BUILDER_RESULTS = 20


def _index(query, name: str) -> int | None:
    value = query.get(name, "")
    return int(value) if value.isdigit() else None


@method_decorator(rate_limited(lambda request: search_limit(request.GET)), name="dispatch")
class TourBuilderView(TemplateView):
    """``/present/build/``: make a tour of one's own, which the address then carries whole.

    It opens with the events of a tour's address (``?events=…``) or of the explorer's selection
    (``?<filters>``, from "Present these events"). Without JavaScript it is a form sent with GET:
    ``stop`` and ``note`` for each stop in order, ``title``, ``q`` to search, and the button pressed
    (``up``, ``down``, ``remove`` with a stop's index from 0, ``add`` with an event's slug); the page
    comes back with the change made. ``tours/builder.js`` does the same in the page, and more
    (dragging, the address as one types). Nothing is kept on the server.
    """

    template_name = "tours/builder.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET
        problems = []
        if "built" in query:  # the builder's own form
            slugs, notes, title = query.getlist("stop"), query.getlist("note"), last_value(query, "title")
            notes = (notes + [""] * len(slugs))[: len(slugs)]
        elif address.asks_for_addressed_tour(query):
            try:
                tour = AddressedTour.from_query(query)
            except TourAddressError as error:
                problems.append(error)
                tour = AddressedTour(slugs=())
            slugs, notes, title = list(tour.slugs), list(tour.notes), tour.title
        else:
            slugs, notes, title = self.selection(problems), [], ""
        stops = list(zip(slugs, notes or [""] * len(slugs), strict=True))
        stops = self.changed(stops, problems)
        published = Event.objects.published().select_related("place")
        events = published.in_bulk([slug for slug, _note in stops], field_name="slug")
        missing = [slug for slug, _note in stops if slug not in events]
        stops = [(events[slug], note) for slug, note in stops if slug in events]
        tour = None
        if stops:
            try:
                tour = AddressedTour.checked(
                    slugs=[event.slug for event, _note in stops], title=title, notes=[note for _event, note in stops]
                )
            except TourAddressError as error:
                problems.append(error)
        text = last_value(query, "q").strip()
        results = []
        if text:
            chosen = [event.slug for event, _note in stops]
            results = list(
                Event.objects.published().search(text).exclude(slug__in=chosen).order_by(*CHRONOLOGY)[:BUILDER_RESULTS]
            )
        links = {}
        if tour:
            full, audience = query_string(tour.parameters()), query_string(tour.parameters(notes=False))
            present = reverse("tours:tours")
            links = {
                "address": self.request.build_absolute_uri(f"{present}?{full}"),
                "slideshow_url": f"{present}?{full}",
                "presenter_url": f"{present}?{full}&notes=1",
                "handout_url": f"{reverse('tours:selection-handout')}?{audience}",
                "qr_url": f"{reverse('tours:qr')}?{audience}",
            }
        return super().get_context_data(
            title=title,
            stops=stops,
            missing=missing,
            problems=problems,
            q=text,
            results=results,
            limits={"stops": address.MAX_STOPS, "title": address.MAX_TITLE, "note": address.MAX_NOTE},
            events_url=f"{reverse('timeline:events-data')}?v={content_state().fingerprint}",
            **links,
            **kwargs,
        )

    def selection(self, problems) -> list[str]:
        """The slugs of the explorer's selection, when the builder is opened from it: its first events."""
        if not any(name in self.request.GET for name in EventFilters.parameters):
            return []
        try:
            filters = EventFilters.from_query(self.request.GET)
        except FilterError as error:
            problems.append(error)
            return []
        events = filters.apply(Event.objects.published()).order_by(*CHRONOLOGY)
        return list(events.values_list("slug", flat=True)[: address.MAX_STOPS])

    def changed(self, stops: list, problems: list) -> list:
        """``stops`` with the change the pressed button asks for (without JavaScript)."""
        query = self.request.GET
        up, down, remove, add = _index(query, "up"), _index(query, "down"), _index(query, "remove"), query.get("add")
        if up is not None and 0 < up < len(stops):
            stops[up - 1], stops[up] = stops[up], stops[up - 1]
        elif down is not None and 0 <= down < len(stops) - 1:
            stops[down + 1], stops[down] = stops[down], stops[down + 1]
        elif remove is not None and 0 <= remove < len(stops):
            del stops[remove]
        elif add and add not in [slug for slug, _note in stops]:
            if len(stops) >= address.MAX_STOPS:
                problems.append(
                    TourAddressError(
                        address.EVENTS,
                        _("cannot take more events: a tour has %(limit)s at the most.") % {"limit": address.MAX_STOPS},
                    )
                )
            else:
                stops.append((add, ""))
        return stops
