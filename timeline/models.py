from django.conf import settings
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core.models import ContentQuerySet, Tracked, Versioned
from core.search import fold
from core.text import split_names
from geo.models import Place

from .dates import Precision, Qualifier, display_date, display_span, is_truncated
from .search import search_field, search_texts, search_waiting

# The timeline's order of events, everywhere they come in order (the explorer, the lists, the API,
# a tour of a selection, "previous" and "next"): by date; on one day, as the sources order them where
# they do (``day_order``), then the most important first; the slug settles the rest.
CHRONOLOGY = ("start_date", "day_order", "importance", "slug")


class SlugQuerySet(ContentQuerySet):
    """Content is addressed by slug: in URLs, fixtures (natural keys) and the API."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class NaturalKeyMixin:
    def natural_key(self):
        return (self.slug,)


class Category(NaturalKeyMixin, Versioned):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    color = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give the colour as #rrggbb."))],
        help_text=_("A dark colour that white text can sit on (contrast 4.5:1 or more)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


# A withheld actor's public identifier: this and the row's id (``Actor.public_slug``).
WITHHELD_SLUG_PREFIX = "withheld-"


class ActorQuerySet(SlugQuerySet):
    def withheld(self):
        return self.filter(withhold_name=True)

    def by_public_slug(self, public_slug: str):
        """The actor that ``public_slug`` names in public: a slug, unless its name is withheld, or
        ``withheld-<id>`` for one whose name is. A withheld actor's own slug finds nothing, so that
        it cannot be confirmed by guessing."""
        withheld_id = public_slug.removeprefix(WITHHELD_SLUG_PREFIX)
        if (
            public_slug.startswith(WITHHELD_SLUG_PREFIX)
            and withheld_id.isascii()
            and withheld_id.isdigit()
            and len(withheld_id) < 19
        ):
            return self.filter(Q(withhold_name=False, slug=public_slug) | Q(withhold_name=True, pk=int(withheld_id)))
        return self.filter(withhold_name=False, slug=public_slug)


class ActorKind(models.TextChoices):
    PERSON = "person", _("person")
    COMPANY = "company", _("company")
    UNION = "union", _("trade union or workers' group")
    COURT = "court", _("court")
    STATE = "state", _("state body or official post")
    POLITICAL = "political", _("political group or party")
    NGO = "ngo", _("non-governmental organisation")
    INTERNATIONAL = "international", _("international organisation")
    MEDIA = "media", _("media")


class Actor(NaturalKeyMixin, Versioned):
    """A person or an organisation that took part in the events."""

    Kind = ActorKind

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True, help_text=_("One line."))
    alt_names = models.CharField(
        _("alternative names"),
        max_length=500,
        blank=True,
        help_text=_("Other spellings used by the sources, separated by commas. Searched too."),
    )
    withhold_name = models.BooleanField(
        _("withhold the name"),
        default=False,
        help_text=_(
            "Tick to protect this person: the site, the API and search then never show the name, the "
            "alternative names or the slug, only the public description below. Editors still see them here."
        ),
    )
    public_description = models.CharField(
        _("public description"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the public reads instead of a withheld name: neutral, identifying nobody, "
            "e.g. “a worker who testified about torture”."
        ),
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person or organisation")
        verbose_name_plural = _("people and organisations")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
            # The English column: the others fall back to it (django-modeltranslation).
            models.CheckConstraint(
                condition=Q(withhold_name=False) | Q(public_description_en__isnull=False, public_description_en__gt=""),
                name="actor_withheld_has_public_description",
                violation_error_message=_("A withheld name needs a public description (in English at least)."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def alt_name_list(self):
        return split_names(self.alt_names)

    # What the public sees of a person or an organisation: every public page, the API and the
    # search read these, never ``name``, ``alt_names``, ``slug`` or ``description`` directly.

    @property
    def public_slug(self) -> str:
        """The public identifier (``?actor=``, the API): the slug, or for a withheld name one made
        from the row's id, which says nothing of the name (the slug is usually made from it)."""
        return f"{WITHHELD_SLUG_PREFIX}{self.pk}" if self.withhold_name else self.slug

    @property
    def public_name(self) -> str:
        """The name in the active language, or for a withheld name the public description."""
        return self.public_description if self.withhold_name else self.name

    @property
    def public_field(self) -> str:
        """The translated field ``public_name`` reads, for ``{% translated actor actor.public_field %}``."""
        return "public_description" if self.withhold_name else "name"

    @property
    def public_alt_names(self) -> list[str]:
        return [] if self.withhold_name else self.alt_name_list

    @property
    def public_details(self) -> str:
        """The one-line description, which could identify a withheld person: not shown for them."""
        return "" if self.withhold_name else self.description

    @staticmethod
    def in_public_order(actors) -> list["Actor"]:
        """``actors`` by the name the public reads: an order by the real name would hint at a withheld one."""
        return sorted(actors, key=lambda actor: (actor.public_name.casefold(), actor.public_slug))

    def names(self) -> list[str]:
        """Every name and spelling of the actor, in every language (what a withheld name hides)."""
        names = [getattr(self, f"name_{language}", "") or "" for language in settings.MODELTRANSLATION_LANGUAGES]
        return [name for name in dict.fromkeys([self.name, *names, *self.alt_name_list]) if name]

    def clean(self):
        if self.withhold_name and not (self.public_description_en or "").strip():
            raise ValidationError(
                {
                    "public_description_en": _(
                        "A withheld name needs a public description, e.g. “a worker who testified about "
                        "torture”: the site shows it instead of the name."
                    )
                }
            )


class SourceKind(models.TextChoices):
    ARTICLE = "article", _("article")
    REPORT = "report", _("report")
    STATEMENT = "statement", _("statement")
    PRESS_RELEASE = "press-release", _("press release")
    SPEECH = "speech", _("speech")
    COURT_RECORD = "court-record", _("court record")
    WEB_PAGE = "web-page", _("web page")


class SourceLanguage(models.TextChoices):
    """The language a source is written in (its title is shown in it, marked as such)."""

    EN = "en", _("English")
    RU = "ru", _("Russian")
    KK = "kk", _("Kazakh")


# Beside a title the team translated, by the source's language (one whole sentence each to translate).
TRANSLATED_TITLE = {
    SourceLanguage.EN: _("in English; title translated"),
    SourceLanguage.RU: _("in Russian; title translated"),
    SourceLanguage.KK: _("in Kazakh; title translated"),
}


class Source(NaturalKeyMixin, Versioned):
    """A published text that events rest on."""

    Kind = SourceKind
    Language = SourceLanguage

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("Leave empty when the source is undated.")
    )
    published_precision = models.CharField(
        _("precision of the publication date"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    url = models.URLField(_("address"), max_length=500, blank=True, help_text=_("Only an address you have seen."))
    archived_url = models.URLField(
        _("archived copy"),
        max_length=500,
        blank=True,
        help_text=_("The address of a copy in a web archive (such as the Wayback Machine) that you have seen."),
    )
    accessed_on = models.DateField(
        _("accessed on"), null=True, blank=True, help_text=_("When the address was last seen to hold the source.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices, default=SourceKind.ARTICLE)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=SourceLanguage.choices,
        default=SourceLanguage.EN,
        help_text=_("The language the source is written in."),
    )
    title_language = models.CharField(
        _("language of the title"),
        max_length=10,
        choices=SourceLanguage.choices,
        blank=True,
        help_text=_(
            "Leave empty where the title is the source's own. Where it is the team's translation (the source's "
            "title unknown, or read from its address), the language it is translated into."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where it was first published, what it covers, what to keep in mind.")
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(condition=Q(language__in=SourceLanguage.values), name="source_language_valid"),
            models.CheckConstraint(
                condition=Q(title_language__in=["", *SourceLanguage.values]), name="source_title_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(published_precision__in=Precision.values), name="source_precision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    @property
    def date_display(self):
        return display_date(self.published_on, self.published_precision)

    @property
    def title_lang(self) -> str:
        """The language the title is written in (``lang`` on it): the source's, or its translation's."""
        return self.title_language or self.language

    @property
    def title_translated(self) -> str:
        """What a reader is told of a title the team translated ("in Russian; title translated"), or ""."""
        if not self.title_language or self.title_language == self.language:
            return ""
        return TRANSLATED_TITLE.get(self.language, "")

    def clean(self):
        if self.title_language == self.language:
            self.title_language = ""  # the source's own title: nothing to say
        if self.published_on and not is_truncated(self.published_on, self.published_precision):
            raise ValidationError(
                {"published_on": _("A date known only to the month or year starts on the first day of it.")}
            )


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")


class Importance(models.IntegerChoices):
    KEY = 1, _("1 · key event")
    NOTABLE = 2, _("2 · notable")
    DETAIL = 3, _("3 · detail")


class EventQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def between(self, start=None, end=None):
        """Events that happen at least partly from ``start`` to ``end`` (either may be open).

        Dates are as precise as they are known: "December 2011" reaches to 31 December.
        """
        queryset = self
        if end is not None:
            queryset = queryset.filter(start_date__lte=end)
        if start is not None:
            queryset = queryset.filter(
                Q(end_date__isnull=False) & self._reaches(start, "end_date", "end_precision")
                | Q(end_date__isnull=True) & self._reaches(start, "start_date", "date_precision")
            )
        return queryset

    @staticmethod
    def _reaches(day, field, precision_field):
        """Q: the date in ``field``, read at its precision, lasts until ``day`` or later."""
        return (
            Q(**{precision_field: Precision.DAY, f"{field}__gte": day})
            | Q(**{precision_field: Precision.MONTH, f"{field}__gte": day.replace(day=1)})
            | Q(**{precision_field: Precision.YEAR, f"{field}__gte": day.replace(month=1, day=1)})
        )

    def _beside(self, event, lookup, descending):
        """Events on ``lookup``'s side ("lt" or "gt") of ``event`` in the timeline's order
        (``CHRONOLOGY``), nearest first: a field greater or less, the fields before it equal."""
        condition = Q(pk__in=[])
        for position, field in enumerate(CHRONOLOGY):
            equal = {name: getattr(event, name) for name in CHRONOLOGY[:position]}
            condition |= Q(**equal, **{f"{field}__{lookup}": getattr(event, field)})
        return self.filter(condition).order_by(*(f"-{field}" if descending else field for field in CHRONOLOGY))

    def before(self, event):
        """Events that come before ``event`` in the timeline's order, nearest first."""
        return self._beside(event, "lt", descending=True)

    def after(self, event):
        """Events that come after ``event`` in the timeline's order, nearest first."""
        return self._beside(event, "gt", descending=False)

    def related_to(self, event):
        """Other events at the same place or with a person or organisation in common."""
        shared = Q(actors__in=event.actors.all())
        if event.place_id:
            shared |= Q(place_id=event.place_id)
        return self.filter(shared).exclude(pk=event.pk).distinct()

    @staticmethod
    def _has_accounts():
        return models.Exists(Account.objects.filter(event=models.OuterRef("pk")))

    def disputed(self):
        """Events where sources disagree: with accounts set side by side (``Account``)."""
        return self.filter(self._has_accounts())

    def with_disputed(self):
        """Each event with ``is_disputed``: whether sources disagree on it (as ``disputed()`` selects)."""
        return self.annotate(is_disputed=self._has_accounts())

    def in_categories(self, slugs):
        return self.filter(categories__slug__in=slugs).distinct()

    def search(self, text):
        """Events whose title or summary (in the page's language), or the name of whose place or people
        (in any language, or another spelling) has ``text`` in it, in any case, script or common
        spelling: the folded text in the event's search text (``Event.search_text``)."""
        folded = fold(text)
        if not folded:  # nothing to look for (as the browser reads it too)
            return self
        return self.filter(**{f"{search_field()}__contains": folded})


# The longest body in the content has under 2 000 characters; this is room for a long essay, and
# a bound well below what a request may carry (DATA_UPLOAD_MAX_MEMORY_SIZE), so that a longer text
# comes back to its editor in the form with a message instead of a bare "400 Bad Request".
EVENT_BODY_MAX_LENGTH = 100_000


class Event(NaturalKeyMixin, Versioned):
    Status = EventStatus
    Importance = Importance

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("One or two sentences."))
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown. Attribute what is alleged; say where sources differ.")
    )
    start_date = models.DateField(_("date"), help_text=_("For a month or a year, the first day of it."))
    date_precision = models.CharField(_("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    date_qualifier = models.CharField(
        _("how sure the date is"),
        max_length=11,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_(
            "“Approximate” where the date is inferred (shown as “about May 2011”); “on or before” where it is "
            "known only to have happened by then (“by the end of June 2011”); “on or after” for “or later”."
        ),
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Only for spans."))
    end_precision = models.CharField(
        _("end known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_qualifier = models.CharField(
        _("how sure the end is"),
        max_length=11,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text=_("“On or after” where the sources follow the event only to this date (still going on then)."),
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    no_single_place = models.BooleanField(
        _("no single place"),
        default=False,
        help_text=_(
            "Tick when the event happened in many places, nowhere in particular (a campaign), "
            "or where the sources do not say."
        ),
    )
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="events")
    actors = models.ManyToManyField(
        Actor, verbose_name=_("people and organisations"), related_name="events", blank=True
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        choices=Importance.choices,
        default=Importance.NOTABLE,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    day_order = models.SmallIntegerField(
        _("order within the day"),
        default=0,
        validators=[MinValueValidator(-9), MaxValueValidator(9)],
        help_text=_(
            "Only where the sources say what came first on a day: a lower number comes first (−2, −1 "
            "before the day's other events, which have 0; 1 after them). Events with the same number "
            "come by importance."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # ``updated`` and ``version``: core.models.Versioned.
    # What a search looks in, per language (search_text_en, _ru, _kk): timeline/search.py.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = list(CHRONOLOGY)
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Publishers (timeline/roles.py) hold it; editors without it write and submit for review.
        permissions = [("publish_event", _("Can publish and unpublish events"))]
        indexes = [models.Index(fields=["status", "start_date"], name="event_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(condition=Q(importance__gte=1, importance__lte=3), name="event_importance_1_to_3"),
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="event_status_valid"),
            models.CheckConstraint(
                condition=Q(date_precision__in=Precision.values, end_precision__in=Precision.values),
                name="event_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(date_qualifier__in=Qualifier.values, end_qualifier__in=Qualifier.values),
                name="event_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=EventStatus.PUBLISHED) | Q(place__isnull=False) | Q(no_single_place=True),
                name="event_published_has_place",
                violation_error_message=_("A published event needs a place, or “no single place” ticked."),
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(no_single_place=False),
                name="event_place_or_no_single_place",
                violation_error_message=_("Choose a place or tick “no single place”, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.date_display}: {self.title}"

    def get_absolute_url(self):
        return reverse("timeline:event", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        # The search text follows the event's own texts here; its place's and its people's names are
        # kept in step by timeline/signals.py when they change. Inside ``search.deferred()`` (a load of
        # the content), it is computed once, at the end.
        waiting = search_waiting()
        if waiting is None:
            texts = search_texts(self, self.place, self.actors.all() if self.pk else [])
            for field, text in texts.items():
                setattr(self, field, text)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *texts}
        super().save(*args, **kwargs)
        if waiting is not None:
            waiting.add(self.pk)

    @property
    def public_actors(self) -> list[Actor]:
        """Its people and organisations as the public may see them (``Actor.public_name``), in that order."""
        return Actor.in_public_order(self.actors.all())

    @cached_property
    def date_display(self):
        return display_span(
            self.start_date,
            self.date_precision,
            self.end_date,
            self.end_precision,
            start_qualifier=self.date_qualifier,
            end_qualifier=self.end_qualifier,
        )

    def clean(self):
        errors = {}
        if self.start_date and not is_truncated(self.start_date, self.date_precision):
            errors["start_date"] = _(
                "A date known only to the month or year is entered as the first day of it "
                "(June 2012 is 1 June 2012 with “month”)."
            )
        if self.end_date and not is_truncated(self.end_date, self.end_precision):
            errors["end_date"] = _("An end known only to the month or year is entered as the first day of it.")
        # The body in each language (body_en, body_ru, body_kk: django-modeltranslation's columns).
        for language in settings.MODELTRANSLATION_LANGUAGES:
            body = getattr(self, f"body_{language}", None) or ""
            if len(body) <= EVENT_BODY_MAX_LENGTH:
                continue
            errors[f"body_{language}"] = ngettext(
                "The body can have at most %(limit)s character; this one has %(length)s. "
                "Shorten it, or split it into several events.",
                "The body can have at most %(limit)s characters; this one has %(length)s. "
                "Shorten it, or split it into several events.",
                EVENT_BODY_MAX_LENGTH,
            ) % {
                "limit": number_format(EVENT_BODY_MAX_LENGTH, force_grouping=True),
                "length": number_format(len(body), force_grouping=True),
            }
        if errors:
            raise ValidationError(errors)


# A passage that is not the source's words but the team's own summary of it (from the source notes,
# EXTRA.md) starts so; pages show it as "summarised from", not as a quotation.
SUMMARY_PREFIX = "As summarised in the project's source notes:"


def summarised_passage(locator: str) -> str | None:
    """The summary without its prefix where ``locator`` is the team's summary of a source; else None."""
    if locator.startswith(SUMMARY_PREFIX):
        return locator[len(SUMMARY_PREFIX) :].strip()
    return None


def passage_summary(passage) -> tuple[str, str] | None:
    """The team's summary of the source in the active language, or in English where it is not yet
    translated: (the text, its language). None where the passage quotes its source."""
    summary = summarised_passage(original_passage(passage))
    if summary is None:
        return None
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    language = get_language()
    own = (getattr(passage, f"locator_{language}", None) or "").strip() if language != default else ""
    if own:
        return summarised_passage(own) or own, language  # the prefix, if an editor copied it, not twice
    return summary, default


def original_passage(passage) -> str:
    """A citation's, an account's or a demand's passage as written (in English where it is the team's
    summary)."""
    return passage.locator_en or ""


# A passage (``locator``) is translated only where it is the team's summary: a quotation stays in its
# source's words. The English (``locator_en``) says which it is; a translation holds the summary alone.
QUOTATION_NOT_TRANSLATED = _(
    "Only a summary in the project's own words is translated: a quotation stays in its source's words. "
    "Leave this empty."
)


# ``translated_where`` of a model with a passage: its rows whose passage has a translation to make
# (``core.admin.untranslated``).
SUMMARISED = {"locator": Q(locator_en__startswith=SUMMARY_PREFIX)}


def passage_translation_errors(instance) -> dict:
    """``locator_<language>`` → the error, for each translation of a passage that quotes its source."""
    if summarised_passage(original_passage(instance)) is not None:
        return {}
    return {
        f"locator_{language}": QUOTATION_NOT_TRANSLATED
        for language in settings.MODELTRANSLATION_LANGUAGES
        if language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        and (getattr(instance, f"locator_{language}", None) or "").strip()
    }


def passage_translation_constraints(model: str) -> list:
    """In the database too: a passage's translations are empty unless its English is a summary."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"locator_{language}__isnull": True})
            | Q(**{f"locator_{language}": ""})
            | Q(locator_en__startswith=SUMMARY_PREFIX),
            name=f"{model}_passage_{language}_only_summary",
            violation_error_message=QUOTATION_NOT_TRANSLATED,
        )
        for language in settings.MODELTRANSLATION_LANGUAGES
        if language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    ]


class CitationQuerySet(ContentQuerySet):
    def get_by_natural_key(self, event_slug, source_slug):
        return self.get(event__slug=event_slug, source__slug=source_slug)


class Citation(Tracked):
    """What one source says about one event, and where it says it."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations")
    locator = models.TextField(
        _("passage"),
        help_text=_(
            "A short quotation (a sentence or two at most) or where in the source to look, in the source's words; "
            "or the team's summary, after “As summarised in the project's source notes:”. "
            "Only a summary is translated."
        ),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("What this source says that another does not (a different figure, a date).")
    )

    objects = CitationQuerySet.as_manager()
    translated_where = SUMMARISED

    class Meta:
        ordering = ["event", "source__publisher", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source"],
                name="citation_unique_source_per_event",
                violation_error_message=_("This event already cites that source: add to its passage instead."),
            ),
            *passage_translation_constraints("citation"),
        ]

    def __str__(self):
        return f"{self.source} → {self.event.title}"

    def clean(self):
        if errors := passage_translation_errors(self):
            raise ValidationError(errors)

    def natural_key(self):
        return self.event.natural_key() + self.source.natural_key()

    natural_key.dependencies = ["timeline.event", "timeline.source"]


class AccountQuerySet(ContentQuerySet):
    def get_by_natural_key(self, event_slug, topic, source_slug, claim):
        # The content files are in the default language (English): keyed by its texts.
        return self.get(event__slug=event_slug, topic_en=topic, source__slug=source_slug, claim_en=claim)


def disagreements(accounts) -> list[list["Account"]]:
    """Accounts grouped by what they disagree on (the topic in the default language, which the
    translations of one topic share), each group in order, the groups in the order of their first."""
    grouped = {}
    for account in accounts:
        grouped.setdefault(account.topic_en, []).append(account)
    return list(grouped.values())


class Account(Tracked):
    """One source's version of a fact the sources disagree on (a death toll, a date, a sentence).

    The accounts of one event with the same topic are one disagreement, set side by side in a table;
    the first of them carries a short neutral note on it."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="accounts")
    topic = models.CharField(
        _("what is disputed"),
        max_length=200,
        help_text=_("A short name for the question, the same for every account of it: “Deaths on 16 December 2011”."),
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="accounts")
    according_to = models.CharField(
        _("according to"),
        max_length=200,
        blank=True,
        help_text=_("Whose figure the source reports, if not its own: “the akimat (mayor) of Zhanaozen”."),
    )
    claim = models.CharField(
        _("what it says"), max_length=300, help_text=_("The figure or the claim, short: “at least 16 killed”.")
    )
    locator = models.TextField(
        _("passage"),
        help_text=_(
            "A short quotation (a sentence or two at most) or where in the source to look, in the source's words; "
            "or the team's summary, after “As summarised in the project's source notes:”. "
            "Only a summary is translated."
        ),
    )
    note = models.TextField(
        _("note on the disagreement"),
        blank=True,
        help_text=_("One or two neutral sentences on the disagreement, written on its first account only."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AccountQuerySet.as_manager()
    translated_where = SUMMARISED

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts where sources disagree")
        # On the default language's columns (django-modeltranslation's ``topic_en``…): the original
        # columns hold whichever language was written last, and a translation may still be missing.
        constraints = [
            models.CheckConstraint(
                condition=Q(topic_en__gt="", claim_en__gt="", locator_en__gt=""),
                name="account_has_topic_claim_and_passage",
                violation_error_message=_("An account needs what is disputed, what the source says, and where."),
            ),
            models.UniqueConstraint(
                fields=["event", "topic_en", "source", "claim_en"],
                name="account_unique_claim_per_source",
                violation_error_message=_("This source already gives that account of the question."),
            ),
            models.UniqueConstraint(
                fields=["event", "topic_en"],
                condition=Q(note_en__gt=""),
                name="account_one_note_per_topic",
                violation_error_message=_("A disagreement has one note: write it on its first account only."),
            ),
            *passage_translation_constraints("account"),
        ]

    def clean(self):
        if errors := passage_translation_errors(self):
            raise ValidationError(errors)

    def __str__(self):
        return f"{self.topic}: {self.source.publisher} — {self.claim}"

    def natural_key(self):
        return (self.event.slug, self.topic_en, self.source.slug, self.claim_en)

    natural_key.dependencies = ["timeline.event", "timeline.source"]
