from django.contrib import admin
from django.contrib.gis.db.models import GeometryField
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin
from reversion_compare.admin import CompareVersionAdmin

from core.admin import LockedAdmin, LockedForm, MissingTranslationFilter, TranslatedAdmin
from core.spreadsheets import SpreadsheetAdmin

from .forms import GeoJSONGeometryField, PointFieldsMixin
from .models import Place
from .resources import PlaceResource
from .widgets import AdminMapWidget


class MapAdminMixin(LeafletGeoAdminMixin):
    """django-leaflet's map widget for geometry fields, whose input is checked before GEOS reads it
    (see ``geo.forms``), drawn over the bundled outline (``geo.widgets``). For every admin and inline
    that edits a geometry."""

    widget = AdminMapWidget
    map_template = "geo/admin/map_widget.html"

    def formfield_for_dbfield(self, db_field, request=None, **kwargs):
        if isinstance(db_field, GeometryField):
            kwargs.setdefault("form_class", GeoJSONGeometryField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PlaceForm(PointFieldsMixin, LockedForm):
    pass


@admin.register(Place)
class PlaceAdmin(LockedAdmin, SpreadsheetAdmin, MapAdminMixin, TranslatedAdmin, CompareVersionAdmin):
    form = PlaceForm
    list_display = ["name", "kind", "event_count", "alt_names"]
    list_filter = ["kind", MissingTranslationFilter]
    search_fields = ["name", "alt_names", "description"]
    prepopulated_fields = {"slug": ["name"]}
    resource_classes = [PlaceResource]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "geom", ("latitude", "longitude"), "description", "alt_names"]}),
        (
            _("Area"),
            {"classes": ["collapse"], "fields": ["area"], "description": _("Draw an outline on the map (optional).")},
        ),
        (
            _("Gazetteers"),
            {
                "classes": ["collapse"],
                "fields": ["wikidata", "geonames"],
                "description": _(
                    "The same place in Wikidata and GeoNames, copied from the gazetteer's page (optional)."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_events=Count("events"))

    @admin.display(description=_("events"), ordering="num_events")
    def event_count(self, obj):
        return obj.num_events
