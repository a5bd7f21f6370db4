from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ZhanaozenConfig(AppConfig):
    default = True
    name = "zhanaozen"
    verbose_name = "Zhanaozen"


class AdminConfig(admin_apps.AdminConfig):
    """The admin, with editors' sign-in (password, then a second factor where one is set up)."""

    default = False  # listed by its path in INSTALLED_APPS, in place of django.contrib.admin
    default_site = "editors.sites.EditorsAdminSite"
