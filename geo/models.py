from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ContentQuerySet, Versioned
from core.text import split_names


class PlaceQuerySet(ContentQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PlaceKind(models.TextChoices):
    CITY = "city", _("city")
    TOWN = "town", _("town")
    VILLAGE = "village", _("village")
    DISTRICT = "district", _("district or region")
    OILFIELD = "oilfield", _("oilfield")
    SITE = "site", _("site")
    BUILDING = "building", _("building")
    ABROAD = "abroad", _("abroad (outside Kazakhstan)")


class Place(Versioned):
    Kind = PlaceKind

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOWN)
    geom = models.PointField(_("location"), srid=4326, spatial_index=True)
    area = models.MultiPolygonField(
        _("area"),
        srid=4326,
        null=True,
        blank=True,
        help_text=_("Optional outline, for an oilfield, a district or a square."),
    )
    description = models.TextField(_("description"), blank=True)
    alt_names = models.CharField(
        _("alternative names"),
        max_length=500,
        blank=True,
        help_text=_("Other spellings and Russian or Kazakh forms, separated by commas. Searched too."),
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PlaceKind.values),
                name="place_kind_valid",
                violation_error_message=_("Choose one of the listed kinds of place."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def alt_name_list(self):
        return split_names(self.alt_names)
