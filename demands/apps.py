from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    """What the strikers and their supporters asked for, and what the events made of it."""

    name = "demands"
    verbose_name = _("Demands")
