"""The tours: their list, each one presented full screen and as a printable handout, and a
slideshow of the explorer's selection."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from timeline.filters import EventFilters, FilterError
from timeline.models import Event

from .models import Tour
from .presentation import MAX_SLIDES, event_slides, tour_slides, year_ticks


class TourListView(ListView):
    """The tours; with the explorer's filters in the query string, a slideshow of those events."""

    template_name = "tours/tour_list.html"
    context_object_name = "tours"
    queryset = Tour.objects.published().order_by("title")
    selection_parameters = {"from", "to", "category", "place", "q", "actor"}

    def get(self, request, *args, **kwargs):
        if not self.selection_parameters & set(request.GET):
            return super().get(request, *args, **kwargs)
        try:
            filters = EventFilters.from_query(request.GET)
        except FilterError as error:
            self.object_list = self.get_queryset()
            return self.render_to_response(self.get_context_data(filter_error=error), status=400)
        events = filters.apply(Event.objects.published()).order_by("start_date", "importance", "slug")
        total = events.count()
        slides = event_slides(events)
        start = next((slide.number for slide in slides if slide.event.slug == request.GET.get("event")), 1)
        context = {
            "title": _("Selected events"),
            "slides": slides,
            "start": start,
            "total": total,
            "truncated": total > MAX_SLIDES,
            "ticks": year_ticks(),
            "channel": "selection",
            "notes": request.GET.get("notes") == "1",
        }
        return TemplateResponse(request, "tours/present.html", context)


class TourPresentView(DetailView):
    template_name = "tours/present.html"
    context_object_name = "tour"
    queryset = Tour.objects.published()

    def get_context_data(self, **kwargs):
        slides = tour_slides(self.object)
        return super().get_context_data(
            title=self.object.title,
            slides=slides,
            start=1,
            total=len(slides),
            ticks=year_ticks(),
            channel=self.object.slug,
            notes=self.request.GET.get("notes") == "1",
            **kwargs,
        )


class TourHandoutView(TourPresentView):
    template_name = "tours/handout.html"
