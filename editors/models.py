from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Tracked


class EditorProfile(Tracked):
    """What an editor chooses about their own presence on the public site.

    The public history of an event names no editor unless that editor has set ``credit_as``: the
    people who edit a record of state violence may be targeted for it. ``Tracked``: a change of it
    refreshes the cached history pages (``settings.SHOWN_IN_PUBLIC``), whatever path wrote it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="editor_profile",
    )
    credit_as = models.CharField(
        _("credit me publicly as"),
        max_length=100,
        blank=True,
        help_text=_(
            "The name shown beside the versions you made in each event's public history. "
            "Leave it empty (the default) to be shown as no one."
        ),
    )

    class Meta:
        verbose_name = _("editor's profile")
        verbose_name_plural = _("editors' profiles")

    def __str__(self):
        return str(self.user)


def public_credit(user) -> str:
    """The name under which ``user``'s edits are shown in public, or "" (not credited, the default).

    Read with ``select_related("…user__editor_profile")`` to spare a query per user."""
    if user is None:
        return ""
    try:
        return user.editor_profile.credit_as.strip()
    except EditorProfile.DoesNotExist:
        return ""
