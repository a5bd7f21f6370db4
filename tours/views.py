"""The tours: their list, each one presented full screen and as a printable handout, and a
slideshow of the explorer's selection (``/present/?<filters>``)."""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView

from core.embed import embeddable
from core.freshness import cached_by_content
from core.ratelimits import rate_limited
from core.share import Share
from timeline.filters import EventFilters, FilterError, canonical_filters, search_limit
from timeline.models import Event
from timeline.og import draw_map, kept_for_sharing, places_of, png
from timeline.views import shown_event

from .models import Tour
from .presentation import event_slides, tour_slides, year_ticks


class SlideshowMixin:
    """What every slideshow shares: its template, the mini-timeline and the presenter view."""

    template_name = "tours/present.html"

    @property
    def presenter(self) -> bool:
        """The presenter view (``?notes=1``): the slides with the teacher's notes, a timer, what is next."""
        return self.request.GET.get("notes") == "1"

    def get_slideshow_context(self, *, title: str, slides: list, channel: str, start: int = 1, total=None) -> dict:
        """``total``: how many slides there would be, when only the first of them are shown."""
        total = len(slides) if total is None else total
        presenter_query = self.request.GET.copy()
        presenter_query["notes"] = "1"
        return {
            "title": title,
            "slides": slides,
            "start": start,
            "total": total,
            "truncated": total > len(slides),
            "ticks": year_ticks(),
            # Windows presenting the same slideshow keep in step on this channel.
            "channel": channel,
            "notes": self.presenter,
            # The presenter view of the same slides (a selection keeps its filters); the script adds the slide.
            "presenter_query": presenter_query.urlencode(),
        }


class TourListView(ListView):
    """The published tours; above them, why a selection could not be presented, if it could not."""

    template_name = "tours/tour_list.html"
    context_object_name = "tours"
    queryset = Tour.objects.published().order_by("order", "title")
    filter_error = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_error=self.filter_error, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.filter_error:
            response_kwargs.setdefault("status", 400)
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
        events = self.filters.apply(Event.objects.published()).order_by("start_date", "importance", "slug")
        slides = event_slides(events)
        wanted = self.request.GET.get("event")
        start = next((slide.number for slide in slides if slide.event.slug == wanted), 1)
        # Only the windows that show this selection keep in step, not those of another one.
        values = [(name, value) for name in EventFilters.parameters for value in self.request.GET.getlist(name)]
        selection = urlencode(sorted(values))
        slideshow = self.get_slideshow_context(
            title=_("Selected events"),
            slides=slides,
            channel=f"selection?{selection}",
            start=start,
            total=events.count(),
        )
        return super().get_context_data(**slideshow, **kwargs)


tour_list = TourListView.as_view()
selection_slideshow = SelectionSlideshowView.as_view()


def presenter_parameters(request) -> list[tuple[str, str]]:
    """``notes=1``, the presenter view, read as ``SlideshowMixin.presenter`` reads it."""
    return [("notes", "1")] if request.GET.get("notes") == "1" else []


def selection_parameters(request) -> list[tuple[str, str]]:
    """What ``/present/`` is built from: the filters as written, the event it starts at, the
    presenter view. Any filter in the query, even empty, asks for a slideshow, not the tours."""
    filters = canonical_filters(request.GET)
    if not filters and any(name in request.GET for name in EventFilters.parameters):
        filters = [("q", "")]  # every event: an empty filter, which still asks for the slideshow
    return [*filters, *shown_event(request), *presenter_parameters(request)]


# The cache first: only a search whose slides have to be built counts against the rate limit.
@cached_by_content(parameters=selection_parameters)
@rate_limited(lambda request: search_limit(request.GET))
def tours_or_selection(request, *args, **kwargs):
    """``/present/``: the tours, or with any of the explorer's filters in the query, a slideshow."""
    if any(name in request.GET for name in EventFilters.parameters):
        return selection_slideshow(request, *args, **kwargs)
    return tour_list(request, *args, **kwargs)


@method_decorator(cached_by_content(parameters=presenter_parameters), name="dispatch")
class TourPresentView(SlideshowMixin, DetailView):
    context_object_name = "tour"
    queryset = Tour.objects.published()

    def get_context_data(self, **kwargs):
        slideshow = self.get_slideshow_context(
            title=self.object.title, slides=tour_slides(self.object, notes=self.presenter), channel=self.object.slug
        )
        return super().get_context_data(**slideshow, share=tour_share(self.object), **kwargs)


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
