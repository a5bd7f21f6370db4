"""Writes that touch several models: loading the content, the Editors group, editor accounts."""

import dataclasses
import json
from pathlib import Path

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationField
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from . import search
from .models import Account, Citation, Event, passage_translation_errors
from .roles import PUBLISH_PERMISSION

# Fixture files in load order: each may refer (by slug) only to those before it.
CONTENT_FILES = (
    "categories",
    "places",
    "actors",
    "sources",
    "events",
    "citations",
    "accounts",
    "tours",
    "tour_stops",
    "demands",
    "demand_outcomes",
)

EDITORS_GROUP = "Editors"
PUBLISHERS_GROUP = "Publishers"


class ContentError(Exception):
    """The content files cannot be loaded as they are; nothing was written."""


@dataclasses.dataclass
class LoadReport:
    written: list = dataclasses.field(default_factory=list, repr=False)
    created: dict[str, int] = dataclasses.field(default_factory=dict)
    updated: dict[str, int] = dataclasses.field(default_factory=dict)
    unchanged: dict[str, int] = dataclasses.field(default_factory=dict)

    def count(self, bucket: str, label: str) -> None:
        counts = getattr(self, bucket)
        counts[label] = counts.get(label, 0) + 1

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


class _DryRun(Exception):
    pass


def _is_translation(field) -> bool:
    """A translated field in a language other than the default: the content files hold the default
    language; the translations come from ``translations/<language>.json``."""
    return isinstance(field, TranslationField) and field.language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _differs(existing, new) -> bool:
    for field in new._meta.concrete_fields:
        # Not content: the key, timestamps and what is computed (an event's search text).
        if field.primary_key or not field.editable:
            continue
        if _is_translation(field):
            continue
        if field.value_from_object(existing) != field.value_from_object(new):
            return True
    return False


# A name an editor has withheld (``Actor.withhold_name``) stays withheld, with its public description,
# whatever the files say: only an editor lifts it.
PROTECTION_FIELDS = {"withhold_name", "public_description", "public_description_en"}


def _keeps_protection(existing, field) -> bool:
    return getattr(existing, "withhold_name", False) and field.name in PROTECTION_FIELDS


def _m2m_differs(instance, m2m_data: dict[str, list]) -> bool:
    for name, pks in m2m_data.items():
        current = set(getattr(instance, name).values_list("pk", flat=True))
        if current != set(pks):
            return True
    return False


def _load_file(path: Path, *, update: bool, report: LoadReport) -> None:
    try:
        with path.open(encoding="utf-8") as handle:
            objects = list(serializers.deserialize("json", handle, handle_forward_references=False))
    except (serializers.base.DeserializationError, ValueError) as error:
        raise ContentError(f"{path.name}: {error}") from error
    for deserialized in objects:
        instance = deserialized.object
        model = type(instance)
        label = model._meta.label_lower
        existing = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
        if existing is not None:
            changed = _differs(existing, instance) or _m2m_differs(existing, deserialized.m2m_data)
            if not changed:
                report.count("unchanged", label)
                continue
            if not update:
                # An editor may have corrected it in the admin: keep their version.
                report.count("unchanged", label)
                continue
            instance._state.adding = False
            for field in model._meta.concrete_fields:
                if (
                    getattr(field, "auto_now_add", False)
                    or _is_translation(field)
                    or _keeps_protection(existing, field)
                ):
                    setattr(instance, field.attname, field.value_from_object(existing))
        try:
            instance.full_clean(validate_unique=True)
        except ValidationError as error:
            raise ContentError(f"{path.name}: {label} {instance.natural_key()}: {error.message_dict}") from error
        instance.save()
        for name, pks in deserialized.m2m_data.items():
            getattr(instance, name).set(pks)
        report.count("updated" if existing else "created", label)
        report.written.append(instance)


# The sections of a translation file, and the models they translate (by natural key).
TRANSLATION_SECTIONS = {
    "categories": "timeline.category",
    "places": "geo.place",
    "actors": "timeline.actor",
    "events": "timeline.event",
    "sources": "timeline.source",
    # A citation by its event's slug and its source's: ``event-slug/source-slug``.
    "citations": "timeline.citation",
    # An account by its event's slug, its topic, its source's slug and its claim, in English:
    # ``2012-03-trial-of-the-37/When the trial of the 37 took place/industriall-2013-campaign/March 2012``.
    "accounts": "timeline.account",
    "tours": "tours.tour",
    "tour_stops": "tours.tourstop",
    "demands": "demands.demand",
    # An outcome by its demand's slug and its event's: ``demand-slug/event-slug``.
    "demand_outcomes": "demands.outcome",
}


def _load_translations(path: Path, *, update: bool, report: LoadReport) -> None:
    """``translations/<language>.json``: per section, per object (its slug, or ``tour/event`` for a
    stop), the texts of its translated fields in that language. A translation fills an empty field;
    one an editor has written is kept unless ``update``. Other spellings, in every script, are one
    list in the content files (``alt_names``): search finds them whatever the page's language."""
    language = path.stem
    if language not in dict(settings.LANGUAGES) or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        raise ContentError(f"{path.name}: not a language of the site besides the default one")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ContentError(f"{path.name}: {error}") from error
    for section, entries in data.items():
        if section.startswith("_"):  # _meta: who made it
            continue
        if section not in TRANSLATION_SECTIONS:
            raise ContentError(f"{path.name}: unknown section {section!r}")
        model = apps.get_model(TRANSLATION_SECTIONS[section])
        translated = translator.get_options_for_model(model).fields
        by_key = _by_natural_key(model, [key.split("/") for key in entries])
        for key, texts in entries.items():
            parts = tuple(key.split("/"))
            instance = by_key.get(parts)
            if instance is None:  # as the database compares, as a fixture's reference would be found
                try:
                    instance = model._default_manager.get_by_natural_key(*parts)
                except model.DoesNotExist:
                    raise ContentError(f"{path.name}: {section} {key!r} is not in the content") from None
            changed = False
            for name, text in texts.items():
                if name not in translated:
                    raise ContentError(f"{path.name}: {section} {key!r}: {name!r} is not translated")
                field = build_localized_fieldname(name, language)
                current = getattr(instance, field)
                if text and text != current and (update or not current):
                    setattr(instance, field, text)
                    changed = True
            if changed and "locator" in translated:
                for field, message in passage_translation_errors(instance).items():
                    raise ContentError(f"{path.name}: {section} {key!r}: {field}: {message}")
            if changed:
                instance.save()
                report.count("updated", f"{model._meta.label_lower} ({language})")
                report.written.append(instance)


def _forward_relations(model) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one]


def _by_natural_key(model, keys) -> dict:
    """The ``model`` rows of ``keys`` (natural keys, as lists of strings) by natural key, read in one
    query, with the rows their keys and their saving read through foreign keys (a lookup a row would
    cost a query each). A model addressed by slug reads only those slugs; the others (accounts, tour
    stops, outcomes: a few dozen rows) are read whole."""
    rows = model._default_manager.select_related(*_forward_relations(model))
    if any(field.name == "slug" for field in model._meta.concrete_fields):
        rows = rows.filter(slug__in=[key[0] for key in keys if len(key) == 1])
    return {tuple(str(part) for part in row.natural_key()): row for row in rows}


def _add_to_history(written, *, batch_size: int = 500) -> None:
    """Each object written, once, in the revision the load makes, as the database now holds it (with
    the search texts computed at the end of the load): read again a model at a time, with the rows
    its description and its natural foreign keys name, a few queries in all instead of several an
    object."""
    pks = {}
    for instance in written:
        if reversion.is_registered(type(instance)):
            pks.setdefault(type(instance), {})[instance.pk] = None  # in the order first written
    # The last written first (a citation before its event): an object that follows others in the
    # history (an event its citations) then finds them there, instead of reading them again.
    for model, ids in reversed(pks.items()):
        ids = list(ids)
        many = [field.name for field in model._meta.many_to_many]
        rows = model._base_manager.select_related(*_forward_relations(model)).prefetch_related(*many)
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            fresh = rows.in_bulk(batch)
            for pk in batch:
                reversion.add_to_revision(fresh[pk])


def _check_published_events_are_cited() -> None:
    uncited = list(Event.objects.published().filter(citations__isnull=True).values_list("slug", flat=True))
    if uncited:
        raise ContentError("Published events without a citation: " + ", ".join(uncited))


def _check_accounts_are_cited() -> None:
    """An account gives what a source says about an event: the event cites that source."""
    uncited = Account.objects.exclude(
        models.Exists(Citation.objects.filter(event=models.OuterRef("event"), source=models.OuterRef("source")))
    ).select_related("event", "source")
    if uncited:
        raise ContentError(
            "Accounts whose source their event does not cite: "
            + ", ".join(f"{account.event.slug} ({account.source.slug})" for account in uncited)
        )


def _load_all(directory: Path, *, update: bool, report: LoadReport) -> None:
    # The content files hold the default language (English). The events' search texts are computed
    # once at the end, from all that was written (not again at each language's save).
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), search.deferred():
        for name in CONTENT_FILES:
            _load_file(directory / f"{name}.json", update=update, report=report)
        for path in sorted((directory / "translations").glob("*.json")):
            _load_translations(path, update=update, report=report)


def load_content(*, directory: Path, update: bool = False, dry_run: bool = False) -> LoadReport:
    """Load the content files from ``directory``, in order, all or nothing.

    Objects are matched by slug. New ones are created; ones that already exist are left as they are
    (an editor may have changed them) unless ``update`` is true. Running it twice changes nothing.
    Every change is kept in the history as one revision.
    """
    missing = [name for name in CONTENT_FILES if not (directory / f"{name}.json").is_file()]
    if missing:
        raise ContentError(f"Missing in {directory}: " + ", ".join(f"{name}.json" for name in missing))
    report = LoadReport()
    try:
        # One revision holds every object written, each once (not once per save and m2m change).
        with transaction.atomic(), reversion.create_revision(manage_manually=True):
            reversion.set_comment(_("Loaded from the content files."))
            _load_all(directory, update=update, report=report)
            _check_published_events_are_cited()
            _check_accounts_are_cited()
            _add_to_history(report.written)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except serializers.base.DeserializationError as error:
        raise ContentError(str(error)) from error
    return report


def content_permissions() -> models.QuerySet:
    content_types = ContentType.objects.filter(app_label__in=settings.CONTENT_APPS)
    return Permission.objects.filter(content_type__in=content_types)


def _publish_permission() -> models.Q:
    app_label, codename = PUBLISH_PERMISSION.split(".")
    return models.Q(content_type__app_label=app_label, codename=codename)


def sync_editors_group() -> Group:
    """The Editors group may add, change, delete (recoverably) and view content, and nothing else:
    not publish (``timeline.roles``). Run again, it sets the same permissions."""
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(content_permissions().exclude(_publish_permission()))
    return group


def sync_publishers_group() -> Group:
    """The Publishers group may do what editors do, and publish and unpublish events. A publisher
    is usually in both groups; this one alone is enough."""
    group, _created = Group.objects.get_or_create(name=PUBLISHERS_GROUP)
    group.permissions.set(content_permissions())
    return group


def sync_editors_group_after_migrate(sender, **kwargs):
    """After migrate has made a content app's permissions (each app's in turn), the groups get them."""
    if sender.label not in settings.CONTENT_APPS:
        return
    if all(apps.is_installed(app) for app in ("django.contrib.auth", "django.contrib.contenttypes")):
        sync_editors_group()
        sync_publishers_group()


def create_editor(*, username: str, email: str, password: str, publisher: bool = False):
    """A staff account in the Editors group (and the Publishers group if ``publisher``): it can edit
    content in the admin (and publish events), not manage users."""
    User = get_user_model()
    with transaction.atomic():
        user = User(username=username, email=email, is_staff=True, is_superuser=False)
        user.set_password(password)
        user.full_clean()
        user.save()
        user.groups.add(sync_editors_group())
        if publisher:
            user.groups.add(sync_publishers_group())
    return user
