from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableStackedInline
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline
from reversion_compare.admin import CompareVersionAdmin

from core.admin import LockedAdmin, MissingTranslationFilter, TranslatedAdmin
from timeline.admin import PassageBoxes, WithheldNamesForm, WithheldNamesFormSet
from timeline.withheld import DEMAND_FIELDS, OUTCOME_FIELDS

from .models import Demand, Outcome


class DemandForm(WithheldNamesForm):
    withheld_fields = DEMAND_FIELDS


class OutcomeInlineFormSet(WithheldNamesFormSet, CustomInlineFormSet):
    withheld_fields = OUTCOME_FIELDS


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
