"""Translated content in templates: which language a field is shown in, and marking the fallback.

A field not yet translated into the page's language shows the English (django-modeltranslation's
fallback); these tags say so: ``lang="en"`` on the text and a quiet "not yet translated" note.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.i18n import fallback_language

register = template.Library()


@register.filter
def fallback_lang(obj, field: str) -> str:
    """``{% with lang=event|fallback_lang:"body" %}``: the fallback's language code, or "" when the
    field is in the page's language (or empty everywhere)."""
    return fallback_language(obj, field)


@register.simple_tag
def translated(obj, field: str) -> str:
    """``{% translated event "title" %}``: the text, marked when it is the English standing in."""
    text = getattr(obj, field, "") or ""
    language = fallback_language(obj, field)
    return marked_untranslated(text, language) if language else text


def marked_untranslated(text: str, language: str) -> str:
    """``text`` in ``language`` (the English), standing in for a translation not yet made."""
    return format_html(
        '<span lang="{}" class="untranslated" data-note="{}">{}</span>', language, _("not yet translated"), text
    )
