"""Admin pieces that know no domain: translated content edited side by side, and finding what is
not yet translated."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def side_by_side(fields, localized: dict[str, str]) -> list:
    """A fieldset's fields with each text's languages on one line: ``title_en``, ``title_ru`` and
    ``title_kk`` become ``("title_en", "title_ru", "title_kk")``, which the admin sets side by side."""
    grouped, done = [], set()
    for field in fields:
        original = localized.get(field) if isinstance(field, str) else None
        if original is None:
            grouped.append(field)
        elif original not in done:
            done.add(original)
            grouped.append(tuple(name for name in fields if localized.get(name) == original))
    return grouped


class SideBySideTranslations:
    """A model's translated fields with their languages side by side (English, Russian, Kazakh), so an
    editor translates with the English in view. (modeltranslation's tabs need jQuery UI from a CDN,
    which this site does not load.) For modeltranslation's admins and inlines, which know ``trans_opts``."""

    def get_fieldsets(self, request, obj=None):
        localized = {
            translated.name: original
            for original, fields in self.trans_opts.all_fields.items()
            for translated in fields
        }
        return [
            (name, {**options, "fields": side_by_side(options["fields"], localized)})
            for name, options in super().get_fieldsets(request, obj)
        ]


class TranslatedAdmin(SideBySideTranslations, TranslationAdmin):
    pass


class TranslatedStackedInline(SideBySideTranslations, TranslationStackedInline):
    pass


def untranslated(model, language: str) -> Q:
    """Q: rows with any translated field empty in ``language`` while it has text in the default one."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    missing = Q()
    for field in translator.get_options_for_model(model).fields:
        if not model._meta.get_field(field).editable:  # computed (a search column), not translated by hand
            continue
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
