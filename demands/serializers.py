"""How the API shows demands and what became of them. The field names are a public contract."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import AbsoluteURLField, TranslatedFieldsMixin
from timeline.serializers import EventSerializer, PassageSummaries, QualifierField, SourceSerializer, passage_field

from .models import Demand, Outcome


class OutcomeSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    """A published event that answered the demand, or did not, with what it tells of it."""

    event = EventSerializer(read_only=True)

    class Meta:
        model = Outcome
        fields = ["event", "note"]
        extra_kwargs = {"note": {"help_text": _("What the event tells of the demand, as its sources say it.")}}


class DemandSerializer(TranslatedFieldsMixin, PassageSummaries, serializers.ModelSerializer):
    date_qualifier = QualifierField(
        "date",
        help_text=_("How sure the date is: “before” where the source only says it was made by then, “after” likewise."),
    )
    date_display = serializers.CharField(
        read_only=True, help_text=_("The date as the site shows it, as precise as it is known: “by 16 December 2011”.")
    )
    source = SourceSerializer(read_only=True)
    locator = passage_field(_("Where the source makes the demand: a short quotation, in its words."))
    url = AbsoluteURLField(source="get_absolute_url", help_text=_("The demand on the site's page of demands."))
    outcomes = OutcomeSerializer(
        source="public_outcomes",
        many=True,
        read_only=True,
        help_text=_("The published events that answered it or did not, in order; empty where the sources record none."),
    )

    class Meta:
        model = Demand
        fields = [
            "slug",
            "made_by",
            "text",
            "date",
            "date_precision",
            "date_qualifier",
            "date_display",
            "source",
            "locator",
            "summary",
            "summary_language",
            "result",
            "outcomes",
            "url",
        ]
        extra_kwargs = {
            "made_by": {"help_text": _("Who made the demand, as the source says.")},
            "text": {"help_text": _("The demand, quoted or closely paraphrased from its source.")},
            "result": {"help_text": _("What became of it, as far as the sources used here follow it.")},
        }
