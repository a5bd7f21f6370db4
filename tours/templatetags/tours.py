import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def qr_code(context, path: str, label: str = "") -> str:
    """A QR code (inline SVG, made on the server) for the absolute address of ``path``."""
    url = context["request"].build_absolute_uri(path)
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, title=label or url, dark="#000", light="#fff")
    return mark_safe(svg)  # segno writes the SVG and escapes the title itself
