from django.db.models import Prefetch
from django.views.generic import DetailView

from timeline.models import Event

from .models import Place


class PlaceDetailView(DetailView):
    template_name = "geo/place_detail.html"
    context_object_name = "place"

    def get_queryset(self):
        return Place.objects.prefetch_related(
            Prefetch(
                "events",
                Event.objects.published().prefetch_related("categories").order_by("start_date", "importance"),
                to_attr="published_events",
            )
        )
