from datetime import MAXYEAR, MINYEAR

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from core.admin import LockedAdmin, LockedForm, MissingTranslationFilter, TranslatedAdmin, TranslatedStackedInline
from core.spreadsheets import SpreadsheetAdmin

from .models import SUMMARY_PREFIX, Account, Actor, Category, Citation, Event, EventStatus, Source
from .resources import ActorResource, EventResource, SourceResource
from .review import ReviewAdmin
from .withheld import (
    ACCOUNT_FIELDS,
    CHECKED_STATUSES,
    CITATION_FIELDS,
    EVENT_FIELDS,
    SOURCE_FIELDS,
    WITHHELD_IN_TEXT,
    mentions,
    texts_naming,
    translated_fields,
)


def refuse_withheld_names(form, fields) -> None:
    """Add an error to each of ``form``'s ``fields`` whose text spells out a withheld name."""
    values = {field: form.cleaned_data.get(field) or "" for field in fields if field in form.cleaned_data}
    for field, actor in mentions(values).items():
        form.add_error(field, WITHHELD_IN_TEXT % {"name": actor.name, "description": actor.public_description_en})


def kept_forms(formset):
    """The forms of a validated formset that will be saved: filled in and not marked for deletion."""
    return [form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


class WithheldNamesForm(LockedForm):
    """Refuses a text among ``withheld_fields`` that names a withheld person in what is going public
    (its status one of ``CHECKED_STATUSES``): an event, a demand, a tour."""

    withheld_fields = ()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in CHECKED_STATUSES:
            refuse_withheld_names(self, self.withheld_fields)
        return cleaned


class WithheldNamesFormSet:
    """The same for the inlines of what is going public (its citations, accounts, outcomes, stops)."""

    withheld_fields = ()

    def clean(self):
        super().clean()
        if self.instance.status in CHECKED_STATUSES:
            for form in kept_forms(self):
                refuse_withheld_names(form, self.withheld_fields)


class EventForm(WithheldNamesForm):
    withheld_fields = translated_fields(EVENT_FIELDS)


class CitationInlineFormSet(WithheldNamesFormSet, forms.BaseInlineFormSet):
    withheld_fields = CITATION_FIELDS

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


class PassageBoxes:
    """The boxes of a passage (``locator``) in an admin: its Russian and Kazakh boxes know which box
    holds the English and how a summary starts, so that ``timeline/admin-passages.js`` keeps them
    read-only, saying why, while the English is a quotation (only a summary is translated). Without
    scripts they stay open and the form's check says the same. ``compact`` fields are two lines high."""

    compact = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        if self.compact and db_field.name.startswith(self.compact):
            field.widget.attrs["rows"] = 2
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        if db_field.name.startswith("locator_") and db_field.name != f"locator_{default}":
            field.widget.attrs.update(
                {
                    "data-passage-original": f"locator_{default}",
                    "data-summary-prefix": SUMMARY_PREFIX,
                    "data-quotation-note": _("Only a summary is translated: a quotation stays in its source's words."),
                }
            )
        return field

    @property
    def media(self):
        return super().media + forms.Media(js=[forms.Script("timeline/admin-passages.js", type="module")])


class CitationInline(PassageBoxes, TranslatedStackedInline):
    model = Citation
    formset = CitationInlineFormSet
    autocomplete_fields = ["source"]
    extra = 1
    fields = ["source", "locator", "note"]  # the note in each language, side by side
    compact = ("locator", "note")


class AccountInlineFormSet(WithheldNamesFormSet, forms.BaseInlineFormSet):
    """An account's source is one the event cites (in the citations on the same page, as they are
    being saved), and each disagreement has at most one note."""

    withheld_fields = ACCOUNT_FIELDS
    citations = None  # the citations' formset on the same page (EventAdmin._create_formsets)

    def cited_sources(self) -> set[int]:
        if self.citations is not None and self.citations.is_valid():
            return {
                form.cleaned_data["source"].pk for form in kept_forms(self.citations) if form.cleaned_data.get("source")
            }
        if self.instance.pk is None:
            return set()
        return set(Citation.objects.filter(event=self.instance).values_list("source_id", flat=True))

    def clean(self):
        super().clean()
        cited = self.cited_sources()
        noted = set()
        for form in kept_forms(self):
            source, topic = form.cleaned_data.get("source"), form.cleaned_data.get("topic_en")
            if source and source.pk not in cited:
                form.add_error("source", _("The event does not cite this source: add it to the citations above first."))
            if form.cleaned_data.get("note_en"):
                if topic in noted:
                    form.add_error("note_en", _("A disagreement has one note: write it on its first account only."))
                noted.add(topic)


class AccountInline(PassageBoxes, TranslatedStackedInline):
    model = Account
    formset = AccountInlineFormSet
    autocomplete_fields = ["source"]
    extra = 0
    verbose_name = _("account where sources disagree")
    verbose_name_plural = _("where sources disagree: one account per source")
    fieldsets = [
        (
            None,
            {
                "fields": ["topic", "source", "according_to", "claim", "locator", "note", "order"],
                "description": _(
                    "Accounts with the same “what is disputed” form one table on the event's page, side "
                    "by side, in their order. Write the note on the first account of each."
                ),
            },
        ),
    ]
    compact = ("locator", "note")


class DisputedFilter(admin.SimpleListFilter):
    """Events where sources disagree: those with accounts side by side."""

    title = _("sources disagree")
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("1", _("yes")), ("0", _("no"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.disputed()
        if self.value() == "0":
            return queryset.exclude(pk__in=Event.objects.disputed().values("pk"))
        return queryset


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
class EventAdmin(LockedAdmin, SpreadsheetAdmin, ReviewAdmin, TranslatedAdmin, CompareVersionAdmin):
    """Events; review before publishing (who may give which status, the review queue, its actions,
    the history's names for them, deleted events) is ``timeline.review``'s; spreadsheets are
    ``core.spreadsheets``'."""

    form = EventForm
    list_display = ["title", "date_as_displayed", "place", "status", "importance", "source_count"]
    list_filter = [
        "status",
        MissingTranslationFilter,
        DisputedFilter,
        "categories",
        YearFilter,
        "importance",
        "place",
    ]
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
    resource_classes = [EventResource]
    autocomplete_fields = ["place", "actors", "categories"]
    inlines = [CitationInline, AccountInline]
    readonly_fields = ["created", "updated"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            _("When"),
            {
                "fields": [
                    ("start_date", "date_precision", "date_qualifier"),
                    ("end_date", "end_precision", "end_qualifier"),
                    "day_order",
                ],
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

    def _create_formsets(self, request, obj, change):
        # The accounts are checked against the citations as they are being saved (see
        # AccountInlineFormSet): Django's admin has no public hook between two inlines.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        by_model = {formset.model: formset for formset in formsets}
        if Account in by_model and Citation in by_model:
            by_model[Account].citations = by_model[Citation]
        return formsets, inline_instances

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
class ActorAdmin(LockedAdmin, SpreadsheetAdmin, TranslatedAdmin, CompareVersionAdmin):
    list_display = ["name", "kind", "description", "withhold_name", "event_count"]
    list_filter = ["kind", "withhold_name", MissingTranslationFilter]
    search_fields = ["name", "alt_names", "description", "public_description"]
    prepopulated_fields = {"slug": ["name"]}
    resource_classes = [ActorResource]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.withhold_name:
            self.warn_of_texts_naming(request, obj)

    def warn_of_texts_naming(self, request, actor):
        """The name is hidden wherever the site shows the actor; the texts editors wrote may still
        spell it out: list them, each with a link to edit it."""
        found = texts_naming(actor)
        if not found:
            return
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({})</li>',
            (
                (
                    reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]),
                    obj,
                    ", ".join(fields),
                )
                for obj, fields in found
            ),
        )
        messages.warning(
            request,
            format_html(
                "{}<ul>{}</ul>",
                _(
                    "The name is withheld wherever the site shows this person, but these texts still "
                    "spell it out; until they are changed, the published ones show it:"
                ),
                links,
            ),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_events=Count("events"))

    @admin.display(description=_("events"), ordering="num_events")
    def event_count(self, obj):
        return obj.num_events


class SourceForm(LockedForm):
    """Refuses a title, author or note that names a withheld person in a source that events going
    public cite."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.citations.filter(event__status__in=CHECKED_STATUSES).exists():
            refuse_withheld_names(self, SOURCE_FIELDS)
        return cleaned


@admin.register(Source)
class SourceAdmin(LockedAdmin, SpreadsheetAdmin, TranslatedAdmin, CompareVersionAdmin):
    form = SourceForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "publisher", "date_as_displayed", "kind", "language", "citation_count"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "author", "note"]
    prepopulated_fields = {"slug": ["title"]}
    resource_classes = [SourceResource]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_citations=Count("citations"))

    @admin.display(description=_("published"), ordering="published_on")
    def date_as_displayed(self, obj):
        return obj.date_display or _("undated")

    @admin.display(description=_("cited by"), ordering="num_citations")
    def citation_count(self, obj):
        return obj.num_citations


def left_without_source(citations) -> list[Event]:
    """The published events that would cite no source without ``citations`` (as saved)."""
    chosen = [citation.pk for citation in citations]
    events = Event.objects.filter(status=EventStatus.PUBLISHED, citations__pk__in=chosen).distinct()
    return [event for event in events if not event.citations.exclude(pk__in=chosen).exists()]


ONLY_SOURCE = _("“%(event)s” is published and cites no other source: add another source to it first.")


class CitationForm(forms.ModelForm):
    """A citation edited on its own page, held to the rules of the event's page: the texts of an event
    going public name no withheld person, and a published event keeps a source."""

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        if event is not None and event.status in CHECKED_STATUSES:
            refuse_withheld_names(self, CITATION_FIELDS)
        if self.instance.pk and event is not None:
            for left in left_without_source([self.instance]):
                if left.pk != event.pk:
                    self.add_error("event", ONLY_SOURCE % {"event": left})
        return cleaned


@admin.register(Citation)
class CitationAdmin(PassageBoxes, TranslatedAdmin, CompareVersionAdmin):
    form = CitationForm
    list_display = ["event", "source", "locator"]
    list_select_related = ["event", "source"]
    search_fields = ["locator_en", "note", "event__title", "source__title"]
    autocomplete_fields = ["event", "source"]

    def get_deleted_objects(self, objs, request):
        """Deleting the only source of a published event is refused (its page and the list's action),
        the event named as what the deletion would need."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(ONLY_SOURCE % {"event": event} for event in left_without_source(objs))]
        return deleted, counts, perms_needed, protected
