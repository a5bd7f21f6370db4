from django import template
from django.utils.safestring import mark_safe

from tours.models import Tour
from tours.qr import qr_svg

register = template.Library()


@register.simple_tag(takes_context=True)
def qr_code(context, path: str, label: str = "") -> str:
    """A QR code (inline SVG, made on the server: ``tours.qr``) for the absolute address of ``path``."""
    return mark_safe(qr_svg(context["request"].build_absolute_uri(path), title=label))  # segno escapes


@register.simple_tag
def published_tours():
    """The published tours, in their order: the explorer's front door offers them."""
    return Tour.objects.published().order_by("order", "title")
