from datetime import MAXYEAR, MINYEAR

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from core.admin import LockedAdmin, MissingTranslationFilter, TranslatedAdmin

from .models import Actor, Category, Citation, Event, EventStatus, Source


class CitationInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.status != EventStatus.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("source")
        ]
        if not kept:
            raise forms.ValidationError(
                _(
                    "A published event needs at least one source. Add a citation below, "
                    "or save the event as a draft or for review."
                )
            )


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationInlineFormSet
    autocomplete_fields = ["source"]
    extra = 1
    fields = ["source", "locator", "note"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"locator", "note"}:
            field.widget.attrs["rows"] = 2
        return field


class YearFilter(admin.SimpleListFilter):
    """Events by the year they start in. A year that no date can have (``?year=0``, ``99999``, ``x``)
    is dropped with a message, and the list shows every year."""

    title = _("year")
    parameter_name = "year"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        value = self.value()
        if value is not None and not (value.isascii() and value.isdigit() and MINYEAR <= int(value) <= MAXYEAR):
            del self.used_parameters[self.parameter_name]
            messages.warning(
                request,
                _("“%(value)s” is not a year from %(first)s to %(last)s: the list shows every year.")
                % {"value": value, "first": MINYEAR, "last": MAXYEAR},
            )

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start_date", "year")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(start_date__year=int(self.value()))
        return queryset


@admin.register(Event)
class EventAdmin(LockedAdmin, TranslatedAdmin, CompareVersionAdmin):
    list_display = ["title", "date_as_displayed", "place", "status", "importance", "source_count"]
    list_filter = ["status", MissingTranslationFilter, "categories", YearFilter, "importance", "place"]
    list_select_related = ["place"]
    search_fields = [
        "title",
        "summary",
        "body",
        "place__name",
        "place__alt_names",
        "actors__name",
        "actors__alt_names",
    ]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place", "actors", "categories"]
    inlines = [CitationInline]
    readonly_fields = ["created", "updated"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            _("When"),
            {
                "fields": [("start_date", "date_precision"), ("end_date", "end_precision")],
                "description": _(
                    "A month or a year is entered as its first day with the matching precision: "
                    "June 2012 is 1 June 2012, “month”."
                ),
            },
        ),
        (_("Where"), {"fields": ["place", "no_single_place"]}),
        (_("What and who"), {"fields": ["categories", "actors", "importance", "status"]}),
        (_("Record"), {"classes": ["collapse"], "fields": ["created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_sources=Count("citations"))

    @admin.display(description=_("date"), ordering="start_date")
    def date_as_displayed(self, obj):
        return obj.date_display

    @admin.display(description=_("sources"), ordering="num_sources")
    def source_count(self, obj):
        return obj.num_sources


@admin.register(Category)
class CategoryAdmin(LockedAdmin, TranslatedAdmin, CompareVersionAdmin):
    list_display = ["name", "slug", "color", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Actor)
class ActorAdmin(LockedAdmin, TranslatedAdmin, CompareVersionAdmin):
    list_display = ["name", "kind", "description", "event_count"]
    list_filter = ["kind", MissingTranslationFilter]
    search_fields = ["name", "alt_names", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_events=Count("events"))

    @admin.display(description=_("events"), ordering="num_events")
    def event_count(self, obj):
        return obj.num_events


@admin.register(Source)
class SourceAdmin(LockedAdmin, CompareVersionAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "date_as_displayed", "kind", "language", "citation_count"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "author", "note"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_citations=Count("citations"))

    @admin.display(description=_("published"), ordering="published_on")
    def date_as_displayed(self, obj):
        return obj.date_display or _("undated")

    @admin.display(description=_("cited by"), ordering="num_citations")
    def citation_count(self, obj):
        return obj.num_citations


@admin.register(Citation)
class CitationAdmin(CompareVersionAdmin):
    list_display = ["event", "source", "locator"]
    list_select_related = ["event", "source"]
    search_fields = ["locator", "note", "event__title", "source__title"]
    autocomplete_fields = ["event", "source"]
