"""Admin pieces that know no domain: translated content edited side by side, and finding what is
not yet translated."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


class TranslatedAdmin(TabbedTranslationAdmin):
    """A model's translated fields as one tab per language (English, Russian, Kazakh)."""


def untranslated(model, language: str) -> Q:
    """Q: rows with any translated field empty in ``language`` while it has text in the default one."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    missing = Q()
    for field in translator.get_options_for_model(model).fields:
        own, original = build_localized_fieldname(field, language), build_localized_fieldname(field, default)
        missing |= (
            (Q(**{f"{own}__isnull": True}) | Q(**{own: ""}))
            & ~Q(**{original: ""})
            & Q(**{f"{original}__isnull": False})
        )
    return missing


class MissingTranslationFilter(admin.SimpleListFilter):
    """ "Missing Kazakh": the rows that still show English somewhere in that language."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            (code, _("missing %(language)s") % {"language": get_language_info(code)["name_translated"]})
            for code, _name in settings.LANGUAGES
            if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        ]

    def queryset(self, request, queryset):
        codes = {code for code, _name in settings.LANGUAGES}
        if self.value() in codes:
            return queryset.filter(untranslated(queryset.model, self.value()))
        return queryset
