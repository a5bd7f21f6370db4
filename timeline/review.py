"""Review before publishing, in the events' admin.

Editors write events and submit them for review; publishers (``timeline.roles.may_publish``) also
publish and unpublish them. The rules, for the change form and the list's actions alike:

- an editor's choices of status are "draft" and "in review"; on a published event, "published" only
  (they may correct it, and it stays published; only a publisher takes it off the site);
- a publisher does not publish an event they were the last to change (the latest revision in its
  history, or this very form) unless ``settings.PUBLISH_OWN_CHANGES``: a second pair of eyes;
- a published event cites a source and has a place (or "no single place"), as ever.

Each change of status names itself in the history (the revision's comment: "Published.",
"Submitted for review." …), and the review queue (the list filtered to "in review") shows who
submitted each event and when, read from the history.
"""

import json

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.templatetags.times import with_seconds

from .models import EventStatus
from .roles import may_publish
from .withheld import ACCOUNT_FIELDS, CHECKED_STATUSES, CITATION_FIELDS, EVENT_FIELDS, mentions, translated_fields

DRAFT, REVIEW, PUBLISHED = EventStatus.DRAFT, EventStatus.REVIEW, EventStatus.PUBLISHED

# What a change of status is called in the history (from, to); ``None``: a new event.
STATUS_ACTIONS = {
    PUBLISHED: _("Published."),
    REVIEW: _("Submitted for review."),
    DRAFT: _("Returned to draft."),
}
UNPUBLISHED = _("Unpublished:")


def status_action(before: str | None, after: str) -> str:
    """What changing an event's status from ``before`` to ``after`` is called ("" if it did not change;
    a new draft is no action of review)."""
    if before == after or (before is None and after == DRAFT):
        return ""
    action = str(STATUS_ACTIONS[after])
    return f"{UNPUBLISHED} {action}" if before == PUBLISHED else action


def may_publish_own_changes() -> bool:
    return getattr(settings, "PUBLISH_OWN_CHANGES", False)


def last_changed_by(event):
    """The user of the latest revision in the event's history (None: no history, or no user)."""
    version = Version.objects.get_for_object(event).select_related("revision__user").first()
    return version.revision.user if version else None


def allowed_statuses(user, before: str | None) -> list[str]:
    """The statuses ``user`` may give an event whose status is ``before`` (None: a new one)."""
    if may_publish(user):
        return list(EventStatus.values)
    if before == PUBLISHED:
        return [PUBLISHED]
    return [DRAFT, REVIEW]


def refusal(user, before: str | None) -> str:
    """Why ``user`` may not give the status they chose to an event whose status is ``before``."""
    if before == PUBLISHED:
        return gettext(
            "This event is published: only a publisher can take it off the site or send it back to review. "
            "Your corrections are kept with its status “published”; ask a publisher to unpublish it."
        )
    return gettext(
        "Only a publisher can publish an event. Choose “in review” and save: a publisher will read it and publish it."
    )


OWN_CHANGES = _(
    "You were the last to change this event: another publisher must publish it. Choose “in review” and "
    "save, and ask them."
)
CHANGING_WHILE_PUBLISHING = _(
    "You are changing this event as you publish it: another publisher must publish your changes. "
    "Choose “in review” and save, and ask them."
)


class ReviewForm(forms.ModelForm):
    """The event's form for ``review_user``: the statuses they may choose, and the rules above, each
    refused with a message on the status and everything typed kept (``ReviewAdmin.get_form`` sets the
    class attributes)."""

    review_user = None
    # The event's status before this form (None: new), where the database no longer holds it: a
    # revert or a recovery has already written the old version when the form is built.
    review_status_before = ...
    review_restoring = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.review_status_before is not ...:
            self.status_before = self.review_status_before
        else:
            self.status_before = None if self.instance._state.adding else self.instance.status
        field = self.fields.get("status")
        if field is None or self.review_user is None:
            return
        allowed = allowed_statuses(self.review_user, self.status_before)
        field.choices = [(value, label) for value, label in EventStatus.choices if value in allowed]
        field.error_messages["invalid_choice"] = refusal(self.review_user, self.status_before)
        if self.initial.get("status") not in allowed:
            # A recovered or reverted version that was published, opened by an editor: for review.
            self.initial["status"] = REVIEW if REVIEW in allowed else allowed[0]
        if not may_publish(self.review_user):
            field.help_text = _("Editors save drafts and submit them for review; a publisher publishes them.")

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if self.review_user is None or status is None:
            return cleaned
        if status not in allowed_statuses(self.review_user, self.status_before):
            self.add_error("status", refusal(self.review_user, self.status_before))
        elif status == PUBLISHED and self.status_before != PUBLISHED and not may_publish_own_changes():
            if self.review_restoring or self.status_before is None or self.changes_content():
                self.add_error("status", CHANGING_WHILE_PUBLISHING)
            elif last_changed_by(self.instance) == self.review_user:
                self.add_error("status", OWN_CHANGES)
        return cleaned

    def changes_content(self) -> bool:
        """Whether this form, or the inlines saved with it, change anything but the status."""
        if set(self.changed_data) - {"status", "opened_version"}:
            return True
        return any(formset.has_changed() for formset in getattr(self.instance, "_review_formsets", ()))


def withheld_problems(event) -> list[str]:
    """A draft's texts were not checked for withheld names (``timeline.withheld``): before it goes to
    review or is published, they are."""
    if event.status in CHECKED_STATUSES:
        return []
    texts = {field: getattr(event, field, "") or "" for field in translated_fields(EVENT_FIELDS)}
    for citation in event.citations.all():
        texts.update({f"{field}-{citation.pk}": getattr(citation, field) for field in CITATION_FIELDS})
    for account in event.accounts.all():
        texts.update({f"{field}-account-{account.pk}": getattr(account, field) for field in ACCOUNT_FIELDS})
    named = mentions(texts)
    if not named:
        return []
    return [gettext("its texts name %(name)s, whose name is withheld") % {"name": next(iter(named.values())).name}]


def publish_problems(event, user) -> list[str]:
    """Why ``user`` may not publish ``event`` from the list (empty: they may), by the form's rules."""
    if event.status == PUBLISHED:
        return [gettext("it is already published")]
    problems = []
    if not event.citations.exists():
        problems.append(gettext("it cites no source"))
    if event.place_id is None and not event.no_single_place:
        problems.append(gettext("it has no place (nor “no single place”)"))
    problems += withheld_problems(event)
    if not may_publish_own_changes() and last_changed_by(event) == user:
        problems.append(gettext("you were the last to change it: another publisher must publish it"))
    return problems


def _status_of(version) -> str | None:
    if version.format == "json":
        return json.loads(version.serialized_data)[0]["fields"].get("status")
    return version.field_dict.get("status")


def submissions(events) -> dict[int, Version]:
    """For each event, the version in its history that last sent it to review (from another status)."""
    found, before = {}, {}
    if not events:
        return found
    versions = (
        Version.objects.get_for_model(type(events[0]))
        .filter(object_id__in=[str(event.pk) for event in events])
        .select_related("revision__user")
        .order_by("revision__date_created", "pk")
    )
    for version in versions:
        status = _status_of(version)
        if status == REVIEW and before.get(version.object_id) != REVIEW:
            found[int(version.object_id)] = version
        before[version.object_id] = status
    return found


def deletions(versions) -> list[Version]:
    """The deleted events' last versions, newest deletion first, each with ``deleted``: the admin's
    record of who deleted it and when (None where the admin did not delete it)."""
    versions = list(versions)
    if not versions:
        return []
    content_type = ContentType.objects.get_for_model(versions[0]._model)
    entries = LogEntry.objects.filter(
        content_type=content_type, action_flag=DELETION, object_id__in=[v.object_id for v in versions]
    ).select_related("user")
    deleted = {entry.object_id: entry for entry in entries.order_by("action_time")}
    for version in versions:
        version.deleted = deleted.get(version.object_id)
    return sorted(
        versions,
        key=lambda v: v.deleted.action_time if v.deleted else v.revision.date_created,
        reverse=True,
    )


class ReviewAdmin(admin.ModelAdmin):
    """Mixed into ``EventAdmin`` (after ``LockedAdmin``, before django-reversion's admin): the form's
    rules, the names of the actions in the history, the review queue and its actions, and the list of
    deleted events."""

    actions = ["publish_selected", "submit_selected", "return_selected_to_draft"]
    change_list_template = "admin/timeline/event/change_list.html"
    recover_list_template = "admin/timeline/event/recover_list.html"

    def has_publish_permission(self, request) -> bool:
        return may_publish(request.user)

    # The form -----------------------------------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        attributes = {
            "review_user": request.user,
            "review_status_before": getattr(request, "_review_status_before", ...),
            "review_restoring": hasattr(request, "_review_status_before"),
        }
        return type(form.__name__, (ReviewForm, form), attributes)

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        obj._review_formsets = formsets  # for ReviewForm.changes_content
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request._review_action = status_action(getattr(form, "status_before", None), obj.status)

    def _name_the_action(self, request):
        action = getattr(request, "_review_action", "")
        if action and reversion.is_active():
            reversion.set_comment(f"{action} {reversion.get_comment()}".strip())

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._name_the_action(request)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._name_the_action(request)
        return entry

    def _restoring(self, request, version, comment: str):
        """Before a revert or a recovery writes the old version: the status the event has now."""
        request._review_status_before = (
            self.model._base_manager.filter(pk=version.object_id).values_list("status", flat=True).first()
        )
        request._review_comment = comment

    def _named_restore(self, request, response):
        if request.method == "POST" and response.status_code == 302 and reversion.is_active():
            action = getattr(request, "_review_action", "")
            reversion.set_comment(f"{request._review_comment} {action}".strip())
        return response

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        self._restoring(request, version, gettext("Recovered after its deletion."))
        return self._named_restore(request, super().recover_view(request, version_id, extra_context))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        when = with_seconds(version.revision.date_created)
        self._restoring(request, version, gettext("Reverted to the version of %(datetime)s.") % {"datetime": when})
        return self._named_restore(request, super().revision_view(request, object_id, version_id, extra_context))

    # The review queue ---------------------------------------------------------------------------

    def get_urls(self):
        queue = path(
            "review/",
            self.admin_site.admin_view(self.review_queue_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_review",
        )
        return [queue, *super().get_urls()]

    def review_queue_view(self, request):
        """The review queue: the list of events in review."""
        changelist = reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return HttpResponseRedirect(f"{changelist}?status__exact={REVIEW}")

    def changelist_view(self, request, extra_context=None):
        review_count = self.model._default_manager.filter(status=REVIEW).count()
        return super().changelist_view(request, {"review_count": review_count, **(extra_context or {})})

    @staticmethod
    def in_queue(request) -> bool:
        return request.GET.get("status__exact") == REVIEW

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return [*shown, "submitted_by", "submitted_at"] if self.in_queue(request) else shown

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.in_queue(request):
            found = submissions(list(changelist.result_list))
            for event in changelist.result_list:
                event.review_submission = found.get(event.pk)
        return changelist

    @admin.display(description=_("submitted by"))
    def submitted_by(self, obj):
        version = getattr(obj, "review_submission", None)
        user = version.revision.user if version else None
        return user.get_username() if user else "—"

    @admin.display(description=_("submitted"))
    def submitted_at(self, obj):
        version = getattr(obj, "review_submission", None)
        if version is None:
            return "—"
        return with_seconds(version.revision.date_created)

    # The list's actions -------------------------------------------------------------------------

    def _set_status(self, request, queryset, status, problems_of) -> None:
        """Give each selected event ``status`` unless ``problems_of(event)`` says why not; report
        what changed and, per event, what was skipped and why."""
        done, skipped, actions = [], [], set()
        pks = list(queryset.values_list("pk", flat=True))
        with transaction.atomic():
            for event in (
                self.model._default_manager.filter(pk__in=pks).select_for_update().order_by("start_date", "slug")
            ):
                problems = problems_of(event)
                before = event.status
                event.status = status
                try:
                    event.full_clean()
                except ValidationError as error:
                    problems += error.messages
                if problems:
                    skipped.append((event, problems))
                    continue
                event.save()
                self.log_change(request, event, [{"changed": {"fields": ["status"]}}])
                actions.add(status_action(before, status))
                done.append(event)
            if done and reversion.is_active():
                reversion.set_comment(" ".join(sorted(actions)))
        if done:
            messages.success(
                request,
                ngettext("%(action)s %(count)s event: %(events)s", "%(action)s %(count)s events: %(events)s", len(done))
                % {"action": " ".join(sorted(actions)), "count": len(done), "events": "; ".join(map(str, done))},
            )
        for event, problems in skipped:
            messages.warning(
                request,
                gettext("Skipped “%(event)s”: %(reasons)s.") % {"event": event, "reasons": "; ".join(problems)},
            )

    @admin.action(description=_("Publish the selected events"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._set_status(request, queryset, PUBLISHED, lambda event: publish_problems(event, request.user))

    @admin.action(description=_("Submit the selected events for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        def problems(event):
            if event.status == REVIEW:
                return [gettext("it is already in review")]
            if event.status == PUBLISHED and not may_publish(request.user):
                return [gettext("it is published: only a publisher can send it back to review")]
            return withheld_problems(event)

        self._set_status(request, queryset, REVIEW, problems)

    @admin.action(description=_("Return the selected events to draft"), permissions=["change"])
    def return_selected_to_draft(self, request, queryset):
        def problems(event):
            if event.status == DRAFT:
                return [gettext("it is already a draft")]
            if event.status == PUBLISHED and not may_publish(request.user):
                return [gettext("it is published: only a publisher can take it off the site")]
            return []

        self._set_status(request, queryset, DRAFT, problems)

    def get_deleted_objects(self, objs, request):
        """Deleting a published event takes it off the site: a publisher's to do. An editor's delete
        page names what stops it (as for a permission they lack) and offers no button."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if not may_publish(request.user) and any(getattr(obj, "status", None) == PUBLISHED for obj in objs):
            perms_needed = {*perms_needed, gettext("published events (only a publisher takes one off the site)")}
        return deleted, counts, perms_needed, protected

    # Deleted events -----------------------------------------------------------------------------

    def recoverlist_view(self, request, extra_context=None):
        deleted = deletions(Version.objects.get_deleted(self.model).select_related("revision__user"))
        context = {"deleted": deleted, "title": gettext("Deleted events"), **(extra_context or {})}
        return super().recoverlist_view(request, context)
