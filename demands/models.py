from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.models import ContentQuerySet, Tracked, Versioned
from timeline.dates import Precision, Qualifier, display_date, is_truncated
from timeline.models import (
    SUMMARISED,
    Event,
    EventStatus,
    NaturalKeyMixin,
    SlugQuerySet,
    Source,
    passage_translation_constraints,
    passage_translation_errors,
)


class Result(models.TextChoices):
    """What became of a demand, as far as the sources used here follow it."""

    MET = "met", _("met")
    PARTLY = "partly", _("partly met")
    NOT_MET = "not-met", _("not met")
    UNRECORDED = "unrecorded", _("no answer recorded")


class DemandQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)


class Demand(NaturalKeyMixin, Versioned):
    """One demand, as one source gives it: who made it, when, in the source's words, and what became
    of it (``result``, and the events that answered it or did not: ``outcomes``)."""

    Result = Result
    Status = EventStatus

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    made_by = models.CharField(
        _("made by"),
        max_length=200,
        help_text=_("Who made the demand, as the source says: “the oil workers in Zhanaozen”."),
    )
    text = models.TextField(
        _("demand"), help_text=_("The demand, quoted or closely paraphrased from the source; nothing it does not say.")
    )
    date = models.DateField(_("date"), help_text=_("For a month or a year, the first day of it."))
    date_precision = models.CharField(_("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    date_qualifier = models.CharField(
        _("how sure the date is"),
        max_length=11,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_(
            "“On or before” where the source only says it was made by then (“by 16 December 2011”); "
            "“on or after” where it says after (“16 December 2011 or later”)."
        ),
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="demands")
    locator = models.TextField(
        _("passage"),
        help_text=_(
            "Where the source makes the demand: a short quotation, in the source's words; or the team's summary, "
            "after “As summarised in the project's source notes:”. Only a summary is translated."
        ),
    )
    result = models.CharField(
        _("what became of it"),
        max_length=10,
        choices=Result.choices,
        default=Result.UNRECORDED,
        help_text=_("As far as the sources used here follow it; “no answer recorded” where they record none."),
    )
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Where it comes on the page of demands."))
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # ``updated`` and ``version``: core.models.Versioned.

    objects = DemandQuerySet.as_manager()
    translated_where = SUMMARISED

    class Meta:
        ordering = ["order", "date", "slug"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="demand_status_valid"),
            models.CheckConstraint(condition=Q(result__in=Result.values), name="demand_result_valid"),
            models.CheckConstraint(
                condition=Q(date_precision__in=Precision.values, date_qualifier__in=Qualifier.values),
                name="demand_date_valid",
            ),
            models.CheckConstraint(
                condition=Q(locator_en__gt=""),
                name="demand_has_passage",
                violation_error_message=_("A demand needs the passage of its source that makes it."),
            ),
            *passage_translation_constraints("demand"),
        ]

    def __str__(self):
        return f"{self.made_by}: {self.text}"

    def get_absolute_url(self):
        return reverse("demands:demands") + f"#{self.slug}"

    @cached_property
    def date_display(self):
        return display_date(self.date, self.date_precision, self.date_qualifier)

    @property
    def list_key(self) -> tuple:
        """The demands one source gives as made by the same people at the same time are one list."""
        return (self.made_by, self.date, self.date_precision, self.date_qualifier, self.source_id)

    def clean(self):
        errors = passage_translation_errors(self)
        if self.date and not is_truncated(self.date, self.date_precision):
            errors["date"] = _("A date known only to the month or year is entered as the first day of it.")
        if errors:
            raise ValidationError(errors)


class OutcomeQuerySet(ContentQuerySet):
    def get_by_natural_key(self, demand_slug, event_slug):
        return self.get(demand__slug=demand_slug, event__slug=event_slug)

    def public(self):
        return self.filter(event__status=EventStatus.PUBLISHED)


class Outcome(Tracked):
    """An event that answered a demand, or did not: what it tells of the demand, from the event's sources."""

    demand = models.ForeignKey(Demand, verbose_name=_("demand"), on_delete=models.CASCADE, related_name="outcomes")
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="demand_outcomes")
    note = models.TextField(
        _("what happened"),
        help_text=_("What the event tells of the demand, in a sentence or two, only as its sources say it."),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("what happened")
        verbose_name_plural = _("what happened")
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "event"],
                name="outcome_event_once_per_demand",
                violation_error_message=_("This event is already linked to the demand."),
            ),
        ]

    def __str__(self):
        return f"{self.demand.slug} → {self.event.slug}"

    def natural_key(self):
        return self.demand.natural_key() + self.event.natural_key()

    natural_key.dependencies = ["demands.demand", "timeline.event"]
