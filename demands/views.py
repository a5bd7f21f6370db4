from django.db.models import Prefetch
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from core.freshness import cached_by_content
from timeline.models import Category

from .models import Demand, Outcome


def published_demands():
    """Published demands in order, each with its source and its outcomes at published events
    (``public_outcomes``): the page's and the API's one queryset."""
    outcomes = (
        Outcome.objects.public()
        .select_related("event", "event__place")
        .prefetch_related(Prefetch("event__categories", Category.objects.order_by("order", "name", "slug")))
        .order_by("order", "pk")
    )
    return (
        Demand.objects.published()
        .select_related("source")
        .prefetch_related(Prefetch("outcomes", outcomes, to_attr="public_outcomes"))
        .order_by("order", "date", "slug")
    )


@method_decorator(cached_by_content, name="dispatch")
class DemandListView(ListView):
    """The demands, list by list, each as “asked / what happened”, made to be printed for a class."""

    template_name = "demands/demand_list.html"
    context_object_name = "demands"

    def get_queryset(self):
        return published_demands()
