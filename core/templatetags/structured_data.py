"""``{{ data|ld_json }}``: structured data (Schema.org JSON-LD) as a ``<script type="application/ld+json">``.

A data block, which browsers never run, so the CSP (``script-src``) has nothing to allow. Escaped as
Django's ``json_script`` escapes: ``<``, ``>`` and ``&`` as JSON's ``\\u`` escapes, so that no text in
the data ("</script>", "<!--") can close the element or start markup.
"""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def ld_json(data) -> str:
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
