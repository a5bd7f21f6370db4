from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from . import services, signals

        # Permissions exist only after migrate; keep the Editors and Publishers groups in step with the
        # models. Each app's permissions are made when migrate is done with that app, so the groups
        # follow each content app (tours comes after this one), not only this one.
        post_migrate.connect(services.sync_editors_group_after_migrate)
        # Events' search text follows the names it holds, by whatever path they change.
        signals.connect()
