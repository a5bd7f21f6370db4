from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableStackedInline
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline
from reversion_compare.admin import CompareVersionAdmin

from core.admin import LockedAdmin, MissingTranslationFilter, TranslatedAdmin
from geo.admin import MapAdminMixin
from timeline.admin import WithheldNamesForm, WithheldNamesFormSet
from timeline.withheld import TOUR_FIELDS, TOUR_STOP_FIELDS

from .models import Tour, TourStop


class TourForm(WithheldNamesForm):
    withheld_fields = TOUR_FIELDS


class TourStopInlineFormSet(WithheldNamesFormSet, CustomInlineFormSet):
    withheld_fields = TOUR_STOP_FIELDS


class TourStopInline(MapAdminMixin, TranslationStackedInline, SortableStackedInline):
    model = TourStop
    formset = TourStopInlineFormSet
    autocomplete_fields = ["event"]
    extra = 0
    fieldsets = [
        (None, {"fields": ["event", "focus", "note"]}),
        (
            _("Map view (optional)"),
            {
                "classes": ["collapse"],
                "fields": ["map_center", "map_zoom"],
                "description": _("By default the map shows the event's place."),
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"focus", "note"}:
            field.widget.attrs["rows"] = 2
        return field


@admin.register(Tour)
class TourAdmin(LockedAdmin, SortableAdminBase, TranslatedAdmin, CompareVersionAdmin):
    form = TourForm
    list_display = ["title", "order", "status", "stop_count", "updated"]
    list_editable = ["order"]
    list_filter = ["status", MissingTranslationFilter]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TourStopInline]
    save_on_top = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_stops=Count("stops"))

    @admin.display(description=_("stops"), ordering="num_stops")
    def stop_count(self, obj):
        return obj.num_stops
