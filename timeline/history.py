"""An event's public history: its published versions, as django-reversion recorded them.

Every save in the admin (and ``load_content``) records a revision: the event's serialised fields and,
followed from the event, its citations. Here those are read back as the event then read. Only
versions whose data says "published" are public; drafts, versions in review and versions of an
unpublished event never are. Nothing of the people and organisations an event names is read here:
their names may be withheld, and the history does not show them.

A version is addressed by its reversion ``Version`` id (``/events/<slug>/history/<id>/``): ids are
never reused, so the address stays the same whatever else is recorded or removed later.
"""

import dataclasses
import datetime

import diff_match_patch
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.i18n import fallback_language
from editors.models import public_credit
from geo.models import Place

from .models import Category, Citation, Event, EventStatus, Source, original_passage

# Texts longer than this are compared as a text diff (insertions and deletions in place); shorter
# ones are shown whole, before and after.
LONG_TEXT = 120
# Unchanged stretches of a text diff longer than this are shortened to their ends ("…").
CONTEXT = 160
# A text diff gives up refining after this long (diff-match-patch's timeout): a huge body still
# gets a correct, if coarser, diff.
DIFF_TIMEOUT_SECONDS = 0.5


FIELD_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "body": _("Text"),
    "date": _("Date"),
    "place": _("Place"),
    "categories": _("Categories"),
    "sources": _("Sources"),
}


@dataclasses.dataclass
class Segment:
    """A stretch of a text diff: ``kind`` is "same", "removed" or "added"."""

    kind: str
    text: str


@dataclasses.dataclass
class Change:
    """One field that differs from the previous published version."""

    field: str  # "title", "summary", "body", "date", "place", "categories", "sources"
    before: str = ""
    after: str = ""
    segments: list[Segment] | None = None  # a text diff, for long texts
    added: list[str] = dataclasses.field(default_factory=list)  # for lists (categories, sources)
    removed: list[str] = dataclasses.field(default_factory=list)
    lang: str = ""  # the language the text is shown in, where it is the English standing in

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]


@dataclasses.dataclass
class EventVersion:
    """The event as one published version had it."""

    version: Version
    event: Event  # unsaved: the fields as recorded; translated fields read in the page's language
    place: Place | None
    categories: list[Category]
    citations: list[Citation]  # unsaved, each with its source (as the source is now) or None
    number: int = 0  # 1 for the first published version
    changes: list[Change] = dataclasses.field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.version.pk

    @property
    def when(self) -> datetime.datetime:
        return timezone.localtime(self.version.revision.date_created)

    @property
    def credit(self) -> str:
        """The editor's name, only where that editor chose to be credited."""
        return public_credit(self.version.revision.user)

    @property
    def is_first(self) -> bool:
        return self.number == 1


def _deserialize(version: Version):
    """The recorded object, or None where the data can no longer be read. Fields the model has
    since lost, or gained, are ignored (or take their defaults). Read in the default language: a text
    recorded before it was translated (under ``note`` alone, not ``note_en``) is the English, which
    django-modeltranslation would otherwise take for the page's language."""
    try:
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            return next(serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True))
    except (DeserializationError, StopIteration, LookupError, ValueError):
        return None


def _versions(event: Event):
    return Version.objects.get_for_object(event).select_related("revision__user__editor_profile").order_by("pk")


def published_versions(event: Event) -> list[EventVersion]:
    """Every published version of ``event``, newest first, each with what changed from the one before.

    A fixed number of queries, however many versions there are."""
    recorded = []
    for version in _versions(event):
        loaded = _deserialize(version)
        if loaded is not None and loaded.object.status == EventStatus.PUBLISHED:
            recorded.append((version, loaded))
    if not recorded:
        return []

    citations_by_revision = _citations(event, [version.revision_id for version, _loaded in recorded])
    place_ids = {loaded.object.place_id for _version, loaded in recorded} - {None}
    places = Place.objects.in_bulk(place_ids)
    category_ids = {pk for _version, loaded in recorded for pk in loaded.m2m_data.get("categories", [])}
    categories = Category.objects.in_bulk(category_ids)

    versions = []
    for number, (version, loaded) in enumerate(recorded, start=1):
        record = loaded.object
        versions.append(
            EventVersion(
                version=version,
                event=record,
                place=places.get(record.place_id),
                categories=sorted(
                    (categories[pk] for pk in loaded.m2m_data.get("categories", []) if pk in categories),
                    key=lambda category: (category.order, category.name, category.slug),
                ),
                citations=citations_by_revision.get(version.revision_id, []),
                number=number,
            )
        )
    for previous, current in zip(versions, versions[1:], strict=False):
        current.changes = changes(previous, current)
    return versions[::-1]


def latest_published_version(event: Event) -> Version | None:
    """The newest published version of ``event`` (for "last changed" and "cite this")."""
    for version in _versions(event).reverse():
        loaded = _deserialize(version)
        if loaded is not None and loaded.object.status == EventStatus.PUBLISHED:
            return version
    return None


def _citations(event: Event, revision_ids: list[int]) -> dict[int, list[Citation]]:
    """The event's citations recorded in each of these revisions, with their sources, in one query each."""
    found: dict[int, list[Citation]] = {}
    versions = Version.objects.filter(
        revision_id__in=revision_ids, content_type=ContentType.objects.get_for_model(Citation)
    ).order_by("pk")
    for version in versions:
        loaded = _deserialize(version)
        if loaded is not None and loaded.object.event_id == event.pk:
            found.setdefault(version.revision_id, []).append(loaded.object)
    sources = Source.objects.in_bulk({citation.source_id for group in found.values() for citation in group})
    for group in found.values():
        for citation in group:
            # The source as it is now (sources have their own history); None if since deleted.
            citation.recorded_source = sources.get(citation.source_id)
        group.sort(key=lambda c: (c.recorded_source.publisher if c.recorded_source else "", c.source_id))
    return found


def changes(before: EventVersion, after: EventVersion) -> list[Change]:
    """What differs, field by field, as a reader of the page's language sees it."""
    found = []
    for field in ("title", "summary", "body"):
        old, new = getattr(before.event, field) or "", getattr(after.event, field) or ""
        if old == new:
            continue
        lang = fallback_language(after.event, field)
        if max(len(old), len(new)) > LONG_TEXT:
            found.append(Change(field, segments=text_diff(old, new), lang=lang))
        else:
            found.append(Change(field, before=old, after=new, lang=lang))
    if before.event.date_display != after.event.date_display:
        found.append(Change("date", before=before.event.date_display, after=after.event.date_display))
    if (before.place, before.event.no_single_place) != (after.place, after.event.no_single_place):
        found.append(Change("place", before=_place_name(before), after=_place_name(after)))
    old_names = [category.name for category in before.categories]
    new_names = [category.name for category in after.categories]
    if old_names != new_names:
        found.append(
            Change(
                "categories",
                added=[name for name in new_names if name not in old_names],
                removed=[name for name in old_names if name not in new_names],
            )
        )
    old_sources, new_sources = _cited(before), _cited(after)
    if old_sources != new_sources:
        found.append(
            Change(
                "sources",
                added=[line for line in new_sources if line not in old_sources],
                removed=[line for line in old_sources if line not in new_sources],
            )
        )
    return found


def _place_name(version: EventVersion) -> str:
    return version.place.name if version.place else ""


def _cited(version: EventVersion) -> list[str]:
    """Each citation as one line of text: the source and the passage cited."""
    lines = []
    for citation in version.citations:
        source = citation.recorded_source
        name = f"{source.publisher}: {source.title}" if source else ""
        passage = original_passage(citation)
        lines.append(f"{name} — “{passage}”" if name else f"“{passage}”")
    return lines


def text_diff(old: str, new: str) -> list[Segment]:
    """Word-level insertions and deletions from ``old`` to ``new``, with long unchanged stretches
    shortened. Plain text: the template escapes it."""
    engine = diff_match_patch.diff_match_patch()
    engine.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    diffs = engine.diff_main(old, new)
    engine.diff_cleanupSemantic(diffs)
    kinds = {engine.DIFF_EQUAL: "same", engine.DIFF_DELETE: "removed", engine.DIFF_INSERT: "added"}
    segments = []
    for index, (operation, text) in enumerate(diffs):
        if operation == engine.DIFF_EQUAL and len(text) > CONTEXT:
            head = text[: CONTEXT // 2] if index else ""
            tail = text[-CONTEXT // 2 :] if index < len(diffs) - 1 else ""
            text = f"{head} … {tail}".strip(" ") if head or tail else "…"
        segments.append(Segment(kinds[operation], text))
    return segments
