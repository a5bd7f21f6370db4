"""How the API shows events and what they refer to. The field names are a public contract."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from core.api import AbsoluteURLField, APIURLField, ShownLanguageField, TranslatedFieldsMixin
from core.i18n import fallback_language
from geo.serializers import PlaceSummarySerializer, PointField

from .dates import Precision, Qualifier
from .models import Account, Actor, Category, Citation, Event, Source, passage_summary
from .templatetags.timeline import markdown


def with_fields_after(fields, after: str, *added: str) -> list[str]:
    """A copy of ``fields`` with ``added`` just after ``after``: related serializers keep one order."""
    at = fields.index(after) + 1
    return [*fields[:at], *added, *fields[at:]]


@extend_schema_field(OpenApiTypes.STR)
class MarkdownField(serializers.ReadOnlyField):
    """Markdown as sanitised HTML, by the filter the site's own pages use."""

    def to_representation(self, value):
        return str(markdown(value))


class PrecisionField(serializers.ChoiceField):
    """How precisely a date is known, or null where there is no date to qualify (an event without an
    end, an undated source): the database keeps its default "day" there, which would say nothing."""

    choices_of = Precision

    def __init__(self, date_field: str, **kwargs):
        self.date_field = date_field
        super().__init__(self.choices_of.choices, read_only=True, allow_null=True, **kwargs)

    def get_attribute(self, instance):
        if getattr(instance, self.date_field) is None:
            return None
        return super().get_attribute(instance)


class QualifierField(PrecisionField):
    """How sure a date is (exact, approximate, on or before, on or after), or null where there is no date."""

    choices_of = Qualifier


class CategorySerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    event_count = serializers.IntegerField(read_only=True, help_text=_("How many published events it has."))

    class Meta:
        model = Category
        fields = ["slug", "name", "description", "color", "event_count"]


class PublicTextLanguageField(ShownLanguageField):
    """The language of an actor's public text, whose field ``field_of(actor)`` says."""

    def __init__(self, field_of, **kwargs):
        self.field_of = field_of
        super().__init__("", **kwargs)

    def to_representation(self, instance):
        return fallback_language(instance, self.field_of(instance)) or get_language()


class ActorSummarySerializer(serializers.ModelSerializer):
    """Only what may be public of a person or an organisation (``Actor.public_*``): for a withheld name,
    the public description and an identifier that is not the slug, never the name."""

    slug = serializers.CharField(
        source="public_slug",
        read_only=True,
        help_text=_("The identifier for ?actor=: the slug, or withheld-<number> where the name is withheld."),
    )
    name = serializers.CharField(
        source="public_name", read_only=True, help_text=_("The name, or a neutral description where it is withheld.")
    )
    name_language = PublicTextLanguageField(
        lambda actor: actor.public_field,
        help_text=_("The language the text is in: English where not yet translated."),
    )
    name_withheld = serializers.BooleanField(
        source="withhold_name", read_only=True, help_text=_("Whether the name is withheld to protect the person.")
    )

    class Meta:
        model = Actor
        fields = ["slug", "name", "name_language", "kind", "name_withheld"]


class ActorSerializer(ActorSummarySerializer):
    description = serializers.CharField(source="public_details", read_only=True)
    description_language = PublicTextLanguageField(
        lambda actor: "public_details" if actor.withhold_name else "description",
        help_text=_("The language the text is in: English where not yet translated."),
    )
    alt_names = serializers.ListField(source="public_alt_names", child=serializers.CharField(), read_only=True)
    event_count = serializers.IntegerField(read_only=True, help_text=_("How many published events name them."))

    class Meta(ActorSummarySerializer.Meta):
        fields = [
            *ActorSummarySerializer.Meta.fields,
            "description",
            "description_language",
            "alt_names",
            "event_count",
        ]


class SourceSerializer(serializers.ModelSerializer):
    published_precision = PrecisionField(
        "published_on", help_text=_("How precisely the publication date is known; null when undated.")
    )
    date_display = serializers.CharField(read_only=True, help_text=_("The publication date as precise as it is known."))
    title_language = serializers.CharField(
        source="title_lang",
        read_only=True,
        help_text=_("The language the title is in: the source's, or the team's where it translated the title."),
    )

    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "publisher",
            "author",
            "published_on",
            "published_precision",
            "date_display",
            "url",
            "archived_url",
            "accessed_on",
            "kind",
            "language",
            "title_language",
            "note",
        ]


class SourceWithCountSerializer(SourceSerializer):
    event_count = serializers.IntegerField(read_only=True, help_text=_("How many published events cite it."))

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "event_count"]


@extend_schema_field({"type": "string", "nullable": True})
class PassageSummaryField(serializers.Field):
    """The team's summary of the source (``passage_summary``) in the language asked for, or the English
    where it is not yet translated; null where the passage quotes its source."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, passage):
        found = passage_summary(passage)
        return found and found[0]


@extend_schema_field(
    {"type": "string", "enum": [*(code for code, _name in settings.LANGUAGES), None], "nullable": True}
)
class PassageSummaryLanguageField(PassageSummaryField):
    def to_representation(self, passage):
        found = passage_summary(passage)
        return found and found[1]


class PassageSummaries(serializers.Serializer):
    """``summary`` and ``summary_language`` beside a passage (``locator``) as written: a citation's, an
    account's, a demand's."""

    summary = PassageSummaryField(
        help_text=_(
            "The team's summary of the source, where the passage is one, in the language asked for "
            "(English where not yet translated); null where the passage quotes its source."
        )
    )
    summary_language = PassageSummaryLanguageField(help_text=_("The language the summary is in; null without one."))


def passage_field(help_text):
    """A passage as written (``locator_en``): a quotation in its source's words, or the team's summary of
    the source in English, after its prefix. The pages show a summary translated; the API, as written."""
    return serializers.CharField(source="locator_en", read_only=True, help_text=help_text)


class CitationSerializer(PassageSummaries, serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)
    locator = passage_field(_("Where the source says it: a short quotation, in the source's words."))

    class Meta:
        model = Citation
        fields = ["source", "locator", "summary", "summary_language", "note"]


class SourceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "title", "publisher"]


class AccountSerializer(TranslatedFieldsMixin, PassageSummaries, serializers.ModelSerializer):
    """One source's version of a fact the sources disagree on. The accounts with the same ``topic``
    are one disagreement, in order; its note is on the first of them."""

    source = SourceSummarySerializer(read_only=True)
    locator = passage_field(_("Where the source says it: a short quotation, in the source's words."))

    class Meta:
        model = Account
        fields = ["topic", "source", "according_to", "claim", "locator", "summary", "summary_language", "note"]
        extra_kwargs = {
            "according_to": {"help_text": _("Whose figure the source reports, when not its own; empty otherwise.")},
            "note": {"help_text": _("A neutral note on the disagreement, on its first account; empty on the others.")},
        }


class EventSerializer(TranslatedFieldsMixin, serializers.ModelSerializer):
    """An event as lists show it: what the explorer needs to place it on the map and the timeline."""

    end_precision = PrecisionField("end_date", help_text=_("How precisely the end is known; null without an end."))
    date_qualifier = serializers.ChoiceField(
        Qualifier.choices,
        read_only=True,
        help_text=_(
            "How sure the date is: “exact” as given, “approximate” (inferred: “about May 2011”), “before” "
            "(on or before it: “by the end of June 2011”) or “after” (on or after it), as EDTF's “~” and open ends."
        ),
    )
    end_qualifier = QualifierField(
        "end_date", help_text=_("How sure the end is, as date_qualifier; null without an end.")
    )
    date_display = serializers.CharField(
        read_only=True,
        help_text=_(
            "The date or span as the site shows it, as precise as it is known: “2009”, “June 2012”, "
            "“16 December 2011”, “May – December 2011”, with its qualifiers (“about May 2011”). "
            "The ISO dates beside it start a month or a year "
            "on its first day: read them with their precisions."
        ),
    )
    place = PlaceSummarySerializer(read_only=True, allow_null=True)
    categories = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    url = AbsoluteURLField(source="get_absolute_url", help_text=_("The event's page on the site."))
    api_url = APIURLField("api:event-detail", help_text=_("The event in the API, with its text and sources."))

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "summary",
            "date_display",
            "start_date",
            "end_date",
            "date_precision",
            "end_precision",
            "date_qualifier",
            "end_qualifier",
            "place",
            "categories",
            "importance",
            "url",
            "api_url",
        ]


class EventDetailSerializer(EventSerializer):
    """An event with its text, the people and organisations involved and the sources it rests on."""

    body_html = MarkdownField(source="body", help_text=_("The body as sanitised HTML."))
    actors = ActorSummarySerializer(source="public_actors", many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    accounts = AccountSerializer(
        many=True,
        read_only=True,
        help_text=_("Where sources disagree: what each says, grouped by topic, in order (empty for most events)."),
    )

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "body", "body_html", "actors", "citations", "accounts"]


class FlatEventSerializer(EventSerializer):
    """An event without nested objects, for tools that want flat records (GIS, spreadsheets)."""

    place = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    place_name = serializers.CharField(source="place.name", read_only=True, allow_null=True)

    class Meta(EventSerializer.Meta):
        fields = with_fields_after(EventSerializer.Meta.fields, "place", "place_name")


class EventFeatureSerializer(GeoFeatureModelSerializer, FlatEventSerializer):
    """An event as a GeoJSON Feature at its place's point (null without a place); its id is the slug."""

    geometry = PointField(source="place.geom", read_only=True, allow_null=True)

    class Meta(FlatEventSerializer.Meta):
        geo_field = "geometry"
        id_field = "slug"
        fields = (*FlatEventSerializer.Meta.fields, "geometry")


class EventCSVSerializer(FlatEventSerializer):
    """An event as one spreadsheet row."""

    longitude = serializers.FloatField(source="place.geom.x", read_only=True, allow_null=True)
    latitude = serializers.FloatField(source="place.geom.y", read_only=True, allow_null=True)

    class Meta(FlatEventSerializer.Meta):
        fields = with_fields_after(FlatEventSerializer.Meta.fields, "place_name", "longitude", "latitude")
