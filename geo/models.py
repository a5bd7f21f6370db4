from django.contrib.gis.db import models
from django.core.validators import RegexValidator
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


# Gazetteer identifiers, as the gazetteers write them: Wikidata's Q-number, GeoNames' number.
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
GEONAMES_PATTERN = r"^[1-9][0-9]*$"


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

    # The same place in the gazetteers, filled by an editor from the gazetteer's own page (never guessed).
    wikidata = models.CharField(
        _("Wikidata ID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(WIKIDATA_PATTERN, _("A Wikidata ID is Q followed by digits."))],
        help_text=_(
            "The place's item in Wikidata (Q and digits), copied from its Wikidata page. Leave empty if unsure."
        ),
    )
    geonames = models.CharField(
        _("GeoNames ID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(GEONAMES_PATTERN, _("A GeoNames ID is a number."))],
        help_text=_("The place's number in GeoNames, copied from its GeoNames page. Leave empty if unsure."),
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
            models.CheckConstraint(
                condition=models.Q(wikidata="") | models.Q(wikidata__regex=WIKIDATA_PATTERN),
                name="place_wikidata_format",
                violation_error_message=_("A Wikidata ID is Q followed by digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(geonames="") | models.Q(geonames__regex=GEONAMES_PATTERN),
                name="place_geonames_format",
                violation_error_message=_("A GeoNames ID is a number."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def alt_name_list(self):
        return split_names(self.alt_names)

    @property
    def wikidata_uri(self) -> str:
        """The Wikidata entity (the URI Linked Places' ``wd:`` prefix stands for); empty without an ID."""
        return f"http://www.wikidata.org/entity/{self.wikidata}" if self.wikidata else ""

    @property
    def geonames_uri(self) -> str:
        """The GeoNames feature's URI; empty without an ID."""
        return f"https://sws.geonames.org/{self.geonames}/" if self.geonames else ""

    @property
    def gazetteer_links(self) -> list[tuple[str, str, str]]:
        """(gazetteer, ID, page for a reader) for each identifier filled in."""
        links = []
        if self.wikidata:
            links.append(("Wikidata", self.wikidata, f"https://www.wikidata.org/wiki/{self.wikidata}"))
        if self.geonames:
            links.append(("GeoNames", self.geonames, f"https://www.geonames.org/{self.geonames}/"))
        return links
