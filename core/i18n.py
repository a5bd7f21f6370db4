"""Languages: which language a translated field is shown in (django-modeltranslation)."""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname, get_language


def fallback_language(obj, field: str) -> str:
    """The language ``obj.<field>`` falls back to on this page (the default, English), or "" when it
    is in the page's own language or empty in every language."""
    language = get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if obj is None or language == default or not getattr(obj, field, ""):
        return ""
    own = getattr(obj, build_localized_fieldname(field, language), None)
    return "" if own not in (None, "") else default
