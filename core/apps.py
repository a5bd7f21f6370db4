from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What knows no domain: the API's base and renderers, content freshness (state, ETags, caching)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import pre_save

        from .models import stamp_raw_save

        pre_save.connect(stamp_raw_save, dispatch_uid="core.stamp_raw_save")
