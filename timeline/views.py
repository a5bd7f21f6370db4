from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Category, Citation, Event, Source


class PublishedEventsMixin:
    """Public pages show published events only, with what a list of them needs."""

    def get_queryset(self):
        return Event.objects.published().select_related("place").prefetch_related("categories")


class ExplorerView(PublishedEventsMixin, ListView):
    template_name = "timeline/explorer.html"
    context_object_name = "events"


class EventDetailView(PublishedEventsMixin, DetailView):
    template_name = "timeline/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related("actors", Prefetch("citations", Citation.objects.select_related("source")))
        )


class SourceListView(ListView):
    template_name = "timeline/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        published = Event.objects.published()
        return Source.objects.order_by("publisher", "title").prefetch_related(
            Prefetch(
                "citations",
                Citation.objects.filter(event__in=published).select_related("event").order_by("event__start_date"),
                to_attr="published_citations",
            )
        )


class CategoryStylesView(ListView):
    """Category colours as a stylesheet: editors choose them, and no inline style is needed (CSP)."""

    template_name = "timeline/categories.css"
    context_object_name = "categories"
    content_type = "text/css; charset=utf-8"
    queryset = Category.objects.order_by("order", "slug")
