from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from . import services

        # Permissions exist only after migrate; keep the Editors group in step with the models.
        post_migrate.connect(services.sync_editors_group_after_migrate, sender=self)
