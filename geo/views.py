from django.db.models import Prefetch
from django.views.generic import DetailView

from timeline.models import Event
from timeline.publication import with_published_events

from .models import Place


class PlaceDetailView(DetailView):
    template_name = "geo/place_detail.html"
    context_object_name = "place"

    def get_queryset(self):
        # A place only drafts use is not public yet: its name could give away what they are about.
        return with_published_events(Place.objects).prefetch_related(
            Prefetch(
                "events",
                Event.objects.published().prefetch_related("categories").order_by("start_date", "importance"),
                to_attr="published_events",
            )
        )
