from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What knows no domain: the API's base and renderers, content freshness (state, ETags, caching)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from .freshness import content_changed, tracked_models
        from .models import stamp_raw_save

        pre_save.connect(stamp_raw_save, dispatch_uid="core.stamp_raw_save")
        # Every write of the content makes its state be read anew (core.freshness); per model, so
        # that the deletions of other models keep Django's fast path.
        for model in tracked_models():
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(content_changed, sender=model, dispatch_uid="core.content_changed")
