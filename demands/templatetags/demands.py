"""The demands an event answered, or did not: for the event's own page."""

from django import template

from ..models import Demand

register = template.Library()


@register.simple_tag
def demands_answered_by(event):
    """``{% demands_answered_by event as demands %}``: the published demands the event is linked to."""
    return list(Demand.objects.published().filter(outcomes__event=event).distinct().order_by("order", "date", "slug"))
