"""What "Save for offline" keeps of a tour: its slides (the audience's and the presenter's view), its
handout, the page of each of its events and of their places, and the outline its maps draw. The
service worker (zhanaozen/offline.py) keeps each page's stylesheets and scripts with it."""

from django.urls import reverse

from geo.templatetags.geo import basemap_url
from timeline.models import Event

from .models import Tour


def tour_addresses(tour: Tour) -> list[str]:
    """The addresses, in the active language, in the order a class needs them."""
    present = reverse("tours:present", kwargs={"slug": tour.slug})
    events = (
        Event.objects.published()
        .filter(tour_stops__tour=tour)
        .select_related("place")
        .order_by("tour_stops__order", "tour_stops__pk")
    )
    addresses = [present, f"{present}?notes=1", reverse("tours:handout", kwargs={"slug": tour.slug})]
    for event in events:
        addresses.append(event.get_absolute_url())
        if event.place:
            addresses.append(event.place.get_absolute_url())
    addresses.append(basemap_url())
    return list(dict.fromkeys(addresses))
