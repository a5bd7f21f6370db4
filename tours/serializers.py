"""How the API shows tours. The field names are a public contract."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import AbsoluteURLField, APIURLField, TranslatedFieldsMixin
from timeline.serializers import EventSerializer

from .models import Tour, TourStop


class TourStopSerializer(serializers.ModelSerializer):
    """A stop as the audience sees it: the teacher's note is for the presenter only, not published."""

    text = serializers.CharField(read_only=True, help_text=_("The stop's focus text, or else the event's summary."))
    event = EventSerializer(read_only=True)

    class Meta:
        model = TourStop
        fields = ["order", "text", "event"]


class TourSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    stop_count = serializers.IntegerField(read_only=True, help_text=_("Stops at published events."))
    url = AbsoluteURLField(source="get_absolute_url", help_text=_("The tour, presented full screen."))
    api_url = APIURLField("api:tour-detail", help_text=_("The tour in the API, with its stops."))

    class Meta:
        model = Tour
        fields = ["slug", "title", "summary", "stop_count", "url", "api_url"]


class TourDetailSerializer(TourSerializer):
    stops = TourStopSerializer(many=True, read_only=True, source="public_stops")

    class Meta(TourSerializer.Meta):
        fields = [*TourSerializer.Meta.fields, "stops"]
