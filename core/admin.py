"""Admin pieces that know no domain: translated content edited side by side, finding what is not yet
translated, and forms that refuse to overwrite a newer edit."""

import uuid

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, quote
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
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
            # Where only some rows' texts are translated (a passage: only a summary, not a quotation).
            & getattr(model, "translated_where", {}).get(field, Q())
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


class EditConflict(Exception):
    """The row changed between the form's check and its save (a save at the same moment)."""


def _conflict_message(obj, site_name: str):
    """What the second of two editors reads: who won (someone else, and when), that nothing of theirs
    is lost, and where to compare."""
    opts = obj._meta
    message = _(
        "This %(kind)s was changed by someone else at %(time)s, after you opened it. Nothing is saved "
        "yet: your version is below. Compare it with theirs, bring in what they changed, and save again."
    ) % {"kind": opts.verbose_name, "time": formats.date_format(timezone.localtime(obj.updated), "DATETIME_FORMAT")}
    try:
        history = reverse(f"{site_name}:{opts.app_label}_{opts.model_name}_history", args=[quote(obj.pk)])
    except NoReverseMatch:
        return message
    return format_html('{} <a href="{}">{}</a>', message, history, _("See its history."))


def _show_as_seen(form, name: str, value) -> None:
    """Put ``value`` into the bound form's data for ``name``, so that it is what the page sends next."""
    form.data = form.data.copy()
    form.data[name] = str(value)


class LockedForm(forms.ModelForm):
    """A change form that carries the version of the row it was opened on, and refuses to save over a
    newer one: the editor gets the form back, their input intact, with a message and a link to the
    history. Once they have seen it, the form carries the newer version, so saving again keeps theirs."""

    opened_version = forms.UUIDField(widget=forms.HiddenInput, required=False)

    check_version = True
    admin_site_name = "admin"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        current = self.instance.version
        if self.check_version and not self.instance._state.adding and cleaned_data.get("opened_version") != current:
            _show_as_seen(self, self.add_prefix("opened_version"), current)
            raise ValidationError(_conflict_message(self.instance, self.admin_site_name), code="edit_conflict")
        return cleaned_data


class ListEditForm(forms.ModelForm):
    """A row of a list's editable columns. The value the editor saw travels with each cell (a hidden
    initial): a row they left alone is not written, and a cell that someone else changed since is
    refused with a message instead of being overwritten."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != self._meta.model._meta.pk.name:
                field.show_hidden_initial = True

    def clean(self):
        cleaned_data = super().clean()
        for name in self.changed_data:
            field, hidden = self.fields[name], self.add_initial_prefix(name)
            try:
                seen = field.to_python(field.widget.value_from_datadict(self.data, self.files, hidden))
            except ValidationError:
                seen = None
            current = self.initial.get(name)
            if seen != current:
                _show_as_seen(self, hidden, field.prepare_value(current))
                self.add_error(
                    name,
                    _("Changed by someone else to “%(value)s” after you opened the list.") % {"value": current},
                )
        return cleaned_data


class LockedAdmin(admin.ModelAdmin):
    """Optimistic locking for a model derived from ``core.models.Versioned``: of two editors who opened
    the same object, the second to save gets their form back with a message, never a silent overwrite
    (``LockedForm``); a list's editable columns likewise (``ListEditForm``). Put it first among the
    bases, so that it sees a conflict after the other admins' transactions have rolled back.

    The check is the form's (against the row read for this request); the save then claims the version
    in one ``UPDATE … WHERE id = … AND version = …``, so that a save at the very same moment is
    refused too. Reverting or recovering from the history saves a chosen version on purpose, and is
    not checked."""

    form = LockedForm

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ListEditForm)
        return super().get_changelist_form(request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        url_name = getattr(request.resolver_match, "url_name", "") or ""
        restoring = url_name.endswith(("_revision", "_recover"))
        return type(form.__name__, (form,), {"check_version": not restoring, "admin_site_name": self.admin_site.name})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "opened_version" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "opened_version"]}), *rest]

    def save_model(self, request, obj, form, change):
        if change and getattr(form, "check_version", False):  # not the list's rows (ListEditForm)
            opened = form.cleaned_data.get("opened_version")
            claimed = type(obj)._base_manager.filter(pk=obj.pk, version=opened).update(version=uuid.uuid4())
            if not claimed:
                raise EditConflict
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Everything was rolled back; read the row again: the form shows the conflict.
            return super().changeform_view(request, object_id, form_url, extra_context)
