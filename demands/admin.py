from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableStackedInline
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline
from reversion_compare.admin import CompareVersionAdmin

from core.admin import LockedAdmin, LockedForm, MissingTranslationFilter, TranslatedAdmin
from timeline.admin import PassageBoxes, refuse_withheld_names
from timeline.withheld import CHECKED_STATUSES, translated_fields

from .models import Demand, Outcome

# The texts of a demand that reach the public, checked for withheld names before it goes public.
DEMAND_FIELDS = translated_fields(("made_by", "text", "locator"))
OUTCOME_FIELDS = translated_fields(("note",))


class DemandForm(LockedForm):
    """Refuses a text that names a withheld person in a demand going public."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in CHECKED_STATUSES:
            refuse_withheld_names(self, DEMAND_FIELDS)
        return cleaned


class OutcomeInlineFormSet(CustomInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.status in CHECKED_STATUSES:
            for form in self.forms:
                if form.cleaned_data and not form.cleaned_data.get("DELETE"):
                    refuse_withheld_names(form, OUTCOME_FIELDS)


class OutcomeInline(TranslationStackedInline, SortableStackedInline):
    model = Outcome
    formset = OutcomeInlineFormSet
    autocomplete_fields = ["event"]
    extra = 0
    fields = ["event", "note"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("note"):
            field.widget.attrs["rows"] = 2
        return field


@admin.register(Demand)
class DemandAdmin(LockedAdmin, SortableAdminBase, PassageBoxes, TranslatedAdmin, CompareVersionAdmin):
    form = DemandForm
    list_display = ["text", "made_by", "date_as_displayed", "result", "status", "order", "outcome_count"]
    list_editable = ["order"]
    list_filter = ["status", "result", MissingTranslationFilter, "source"]
    list_select_related = ["source"]
    search_fields = ["text", "made_by", "locator_en", "source__title"]
    autocomplete_fields = ["source"]
    inlines = [OutcomeInline]
    readonly_fields = ["created", "updated"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["slug", "made_by", "text"]}),
        (
            _("When"),
            {
                "fields": [("date", "date_precision", "date_qualifier")],
                "description": _(
                    "A month or a year is entered as its first day with the matching precision. Date it only "
                    "as precisely as the source does: a list “before the tragedy” is “on or before” 16 December 2011."
                ),
            },
        ),
        (_("Source"), {"fields": ["source", "locator"]}),
        (_("What became of it"), {"fields": ["result", "order", "status"]}),
        (_("Record"), {"classes": ["collapse"], "fields": ["created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_outcomes=Count("outcomes"))

    @admin.display(description=_("date"), ordering="date")
    def date_as_displayed(self, obj):
        return obj.date_display

    @admin.display(description=_("events"), ordering="num_outcomes")
    def outcome_count(self, obj):
        return obj.num_outcomes
