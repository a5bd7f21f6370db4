from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ContentQuerySet, Tracked, Versioned
from timeline.models import Event, EventStatus, NaturalKeyMixin, SlugQuerySet


class TourQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)


# Addresses under /present/ that are pages of their own, not tours (tours/urls.py).
RESERVED_SLUGS = ("build", "handout")


class Tour(NaturalKeyMixin, Versioned):
    """A teacher's path through the events, presented one stop per slide."""

    Status = EventStatus

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the tour tells, for the list of tours."))
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Where the tour comes in the list of tours: the one to teach first, first.")
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # ``updated`` and ``version``: core.models.Versioned.

    objects = TourQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]  # teaching order
        verbose_name = _("tour")
        verbose_name_plural = _("tours")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="tour_status_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("tours:present", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("“%(slug)s” is the address of another page: choose another slug.") % {"slug": self.slug}}
            )


class TourStopQuerySet(ContentQuerySet):
    def get_by_natural_key(self, tour_slug, event_slug):
        return self.get(tour__slug=tour_slug, event__slug=event_slug)


class TourStop(Tracked):
    """One slide of a tour: an event, with what the teacher wants to say and show."""

    tour = models.ForeignKey(Tour, verbose_name=_("tour"), on_delete=models.CASCADE, related_name="stops")
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="tour_stops")
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    focus = models.TextField(
        _("focus"), blank=True, help_text=_("Shown instead of the event's summary on this slide (optional).")
    )
    note = models.TextField(_("teacher's note"), blank=True, help_text=_("Shown only in the presenter view."))
    map_center = models.PointField(
        _("map centre"), srid=4326, null=True, blank=True, help_text=_("Optional: where the map looks on this slide.")
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom"), null=True, blank=True, validators=[MinValueValidator(2), MaxValueValidator(18)]
    )

    objects = TourStopQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]  # the sortable admin inline wants the order field first
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        constraints = [
            models.UniqueConstraint(
                fields=["tour", "event"],
                name="tour_stop_event_once",
                violation_error_message=_("This event is already a stop of the tour."),
            ),
            models.CheckConstraint(
                condition=Q(map_zoom__isnull=True) | Q(map_zoom__gte=2, map_zoom__lte=18), name="tour_stop_zoom_range"
            ),
        ]

    def __str__(self):
        return f"{self.tour}: {self.event.title}"

    def natural_key(self):
        return self.tour.natural_key() + self.event.natural_key()

    natural_key.dependencies = ["tours.tour", "timeline.event"]

    @property
    def text(self):
        return self.focus or self.event.summary
