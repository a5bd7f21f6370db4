import segno
from django import template
from django.utils.safestring import mark_safe

from tours.models import Tour

register = template.Library()


@register.simple_tag(takes_context=True)
def qr_code(context, path: str, label: str = "") -> str:
    """A QR code (inline SVG, made on the server) for the absolute address of ``path``.

    It has a viewBox and no size of its own, so it scales whole to the size the stylesheet gives it
    (a code cut at any edge is not read); the border is the quiet zone of four modules readers want.
    """
    url = context["request"].build_absolute_uri(path)
    code = segno.make(url, error="m")
    svg = code.svg_inline(border=4, omitsize=True, title=label or url, dark="#000", light="#fff")
    return mark_safe(svg)  # segno writes the SVG and escapes the title itself


@register.simple_tag
def published_tours():
    """The published tours, in their order: the explorer's front door offers them."""
    return Tour.objects.published().order_by("order", "title")
