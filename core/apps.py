from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What knows no domain: the API's base and renderers, content freshness (state, ETags, caching)."""

    name = "core"
    verbose_name = _("Core")
