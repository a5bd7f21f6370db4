"""Events, sources and people and organisations as spreadsheets (core.spreadsheets), for the admin.

An event's row names its place, categories and people by slug, and carries its citations in one
cell, one per line: ``source-slug | passage | note`` (the note may be left out). The passage cannot
hold " | " or a line break there. The accounts where sources disagree are not in the spreadsheet;
a row cannot drop a citation that one of them rests on.

Imported events arrive as drafts unless the importer may publish (``timeline.roles``); a row that
changes a published event, or publishes or unpublishes one, needs a publisher. Texts going public
must not spell out a withheld name, as in the admin (``timeline.withheld``).
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from import_export import fields

from core.spreadsheets import DayWidget, SlugsWidget, SlugWidget, SpreadsheetResource, YesNoWidget, choice_field
from geo.models import Place

from .models import Account, Actor, Category, Citation, Event, EventStatus, Source, passage_translation_errors
from .roles import may_publish
from .withheld import (
    CHECKED_STATUSES,
    EVENT_FIELDS,
    SOURCE_FIELDS,
    WITHHELD_IN_TEXT,
    mentions,
    translated_fields,
)

CITATION_SEPARATOR = " | "


def withheld_errors(values: dict[str, str]) -> dict[str, list[str]]:
    return {
        field: [WITHHELD_IN_TEXT % {"name": actor.name, "description": actor.public_description_en}]
        for field, actor in mentions(values).items()
    }


def recorded_citations(event) -> set[tuple[int, str, str]]:
    """The event's citations as a file gives them: (source, passage, English note), an empty note as
    "" (a citation saved without one has none: NULL, as a file cannot say)."""
    return {
        (source, locator, note or "")
        for source, locator, note in event.citations.values_list("source_id", "locator_en", "note_en")
    }


# The citations' column holds each passage and note as written in English, the content's language,
# whatever the admin's language (``note`` alone is the active language's): their translations are
# edited in the admin.
def render_citations(event) -> str:
    return "\n".join(
        CITATION_SEPARATOR.join(part for part in (citation.source.slug, citation.locator_en, citation.note_en) if part)
        for citation in event.citations.select_related("source").order_by("source__slug", "pk")
    )


def parse_citations(text: str) -> tuple[list[tuple[Source, str, str]], list[str]]:
    """The citations in an event's cell, (source, passage, note), and what is wrong with them."""
    citations, errors, seen = [], [], set()
    for number, line in enumerate(str(text or "").splitlines(), 1):
        if not line.strip():
            continue
        slug, _sep, rest = line.partition(CITATION_SEPARATOR.strip())
        locator, _sep, note = rest.partition(CITATION_SEPARATOR.strip())
        slug, locator, note = slug.strip(), locator.strip(), note.strip()
        source = Source.objects.filter(slug=slug).first()
        if source is None:
            errors.append(
                _("Citation %(number)s: there is no source with the slug “%(slug)s”.")
                % {"number": number, "slug": slug}
            )
        elif not locator:
            errors.append(
                _("Citation %(number)s: give the passage after the source, as “%(slug)s | passage”.")
                % {"number": number, "slug": slug}
            )
        elif source.pk in seen:
            errors.append(
                _("Citation %(number)s: the event already cites “%(slug)s”.") % {"number": number, "slug": slug}
            )
        else:
            seen.add(source.pk)
            citations.append((source, locator, note))
    return citations, errors


class EventResource(SpreadsheetResource):
    place = fields.Field(attribute="place", column_name="place", widget=SlugWidget(Place))
    categories = fields.Field(attribute="categories", column_name="categories", widget=SlugsWidget(Category))
    actors = fields.Field(attribute="actors", column_name="actors", widget=SlugsWidget(Actor))
    citations = fields.Field(column_name="citations", dehydrate_method="dehydrate_citations")
    start_date = fields.Field(attribute="start_date", column_name="start_date", widget=DayWidget())
    end_date = fields.Field(attribute="end_date", column_name="end_date", widget=DayWidget())
    no_single_place = fields.Field(attribute="no_single_place", column_name="no_single_place", widget=YesNoWidget())
    date_precision = choice_field(Event, "date_precision")
    date_qualifier = choice_field(Event, "date_qualifier")
    end_precision = choice_field(Event, "end_precision")
    end_qualifier = choice_field(Event, "end_qualifier")
    importance = choice_field(Event, "importance")
    status = choice_field(Event, "status")

    class Meta:
        model = Event
        fields = (
            "slug",
            *translated_fields(("title", "summary", "body")),
            "start_date",
            "date_precision",
            "date_qualifier",
            "end_date",
            "end_precision",
            "end_qualifier",
            "day_order",
            "place",
            "no_single_place",
            "categories",
            "actors",
            "importance",
            "status",
            "citations",
            "version",
        )

    def dehydrate_citations(self, event):
        return render_citations(event) if event.pk else ""

    def get_queryset(self):
        return super().get_queryset().select_related("place").prefetch_related("categories", "actors")

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.original_status = None if new else instance.status
        self.parsed_citations, self.citation_errors = (
            parse_citations(row["citations"]) if "citations" in row else (None, [])
        )

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # An editor's events arrive as drafts; one already published is checked in row_errors.
            publishing = instance.status == EventStatus.PUBLISHED and self.original_status != instance.status
            if not may_publish(self.user) and (self.new or publishing):
                instance.status = EventStatus.DRAFT

    def cited(self, instance) -> set[tuple[int, str, str]]:
        if self.parsed_citations is not None:
            return {(source.pk, locator, note) for source, locator, note in self.parsed_citations}
        if instance.pk is None:
            return set()
        return recorded_citations(instance)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        unchanged = super().skip_row(instance, original, row, import_validation_errors)
        if not unchanged or self.parsed_citations is None:
            return unchanged
        return self.cited(instance) == recorded_citations(original)

    def row_errors(self, instance, row):
        errors = {}
        if self.citation_errors:
            errors["citations"] = list(self.citation_errors)
        if not may_publish(self.user) and self.original_status == EventStatus.PUBLISHED:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _(
                    "This event is published: only a publisher may change or unpublish it. "
                    "Leave this row as exported, or ask a publisher to import the file."
                )
            )
        if "categories" in row and not str(row["categories"] or "").strip():
            errors.setdefault("categories", []).append(_("Give at least one category (its slug)."))
        cited = self.cited(instance)
        if instance.status == EventStatus.PUBLISHED and not cited:
            errors.setdefault("citations", []).append(
                _(
                    "A published event needs at least one source: add a citation "
                    "(“source-slug | passage”), or import it as a draft."
                )
            )
        if instance.pk and self.parsed_citations is not None:
            kept = {source_pk for source_pk, _locator, _note in cited}
            needed = Account.objects.filter(event=instance).exclude(source__in=kept).select_related("source")
            for account in needed:
                errors.setdefault("citations", []).append(
                    _("The account “%(topic)s” rests on the source “%(slug)s”: keep its citation.")
                    % {"topic": account.topic_en, "slug": account.source.slug}
                )
        if instance.status in CHECKED_STATUSES:
            texts = {field: getattr(instance, field, "") or "" for field in translated_fields(EVENT_FIELDS)}
            for number, (_source, locator, note) in enumerate(self.parsed_citations or [], 1):
                texts[f"citations ({number})"] = f"{locator} {note}"
            for field, messages in withheld_errors(texts).items():
                errors.setdefault(field, []).extend(messages)
        return errors

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if self.parsed_citations is None:
            return
        wanted = {source.pk: (locator, note) for source, locator, note in self.parsed_citations}
        instance.citations.exclude(source__in=wanted).delete()
        existing = {citation.source_id: citation for citation in instance.citations.all()}
        for source_pk, (locator, note) in wanted.items():
            citation = existing.get(source_pk) or Citation(event=instance, source_id=source_pk)
            if (citation.locator_en, citation.note_en or "") != (locator, note) or citation.pk is None:
                citation.locator_en, citation.note_en = locator, note
                # A passage now quoting its source has no translation (a summary's no longer applies).
                for field in passage_translation_errors(citation):
                    setattr(citation, field, "")
                citation.full_clean()
                citation.save()

    def template_rows(self):
        category = Category.objects.order_by("order", "name").first()
        return [
            {
                "slug": "example-event",
                "title_en": _("Example event: replace or delete this row"),
                "summary_en": _("An example row that shows the columns. It is not part of the history."),
                "start_date": "2011-01-01",
                "date_precision": "year",
                "date_qualifier": "exact",
                "end_precision": "day",
                "end_qualifier": "exact",
                "day_order": 0,
                "no_single_place": "1",
                "categories": category.slug if category else "",
                "importance": Event.Importance.DETAIL.value,
                "status": EventStatus.DRAFT.value,
                "citations": "source-slug | " + _("the passage that supports the event | an optional note"),
            }
        ]


class SourceResource(SpreadsheetResource):
    published_on = fields.Field(attribute="published_on", column_name="published_on", widget=DayWidget())
    published_precision = choice_field(Source, "published_precision")
    kind = choice_field(Source, "kind")
    language = choice_field(Source, "language")
    title_language = choice_field(Source, "title_language")
    accessed_on = fields.Field(attribute="accessed_on", column_name="accessed_on", widget=DayWidget())

    class Meta:
        model = Source
        fields = (
            "slug",
            "title",
            "publisher",
            "author",
            "published_on",
            "published_precision",
            "url",
            "archived_url",
            "accessed_on",
            "kind",
            "language",
            "title_language",
            *translated_fields(("note",)),
            "version",
        )

    def row_errors(self, instance, row):
        if instance.pk and instance.citations.filter(event__status__in=CHECKED_STATUSES).exists():
            return withheld_errors({field: getattr(instance, field) or "" for field in SOURCE_FIELDS})
        return {}

    def template_rows(self):
        return [
            {
                "slug": "example-source",
                "title": _("Example source: replace or delete this row"),
                "publisher": _("Example publisher"),
                "published_precision": "day",
                "kind": "article",
                "language": "en",
            }
        ]


class ActorResource(SpreadsheetResource):
    kind = choice_field(Actor, "kind")
    withhold_name = fields.Field(attribute="withhold_name", column_name="withhold_name", widget=YesNoWidget())

    class Meta:
        model = Actor
        fields = (
            "slug",
            *translated_fields(("name",)),
            "kind",
            *translated_fields(("description",)),
            "alt_names",
            "withhold_name",
            *translated_fields(("public_description",)),
            "version",
        )

    def template_rows(self):
        return [
            {
                "slug": "example-person",
                "name_en": _("Example person: replace or delete this row"),
                "kind": "person",
                "withhold_name": "0",
            }
        ]
