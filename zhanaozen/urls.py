from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from . import views

admin.site.site_header = _("Zhanaozen: editing")
admin.site.site_title = _("Zhanaozen editors")
admin.site.index_title = _("Content")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # The service worker, at the root: its scope is every public page, in every language.
    path("sw.js", views.service_worker, name="service-worker"),
    path(settings.ADMIN_URL, admin.site.urls),
    # Editors choose the admin's language (a cookie; public pages take it from their address).
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include(("zhanaozen.api", "api"))),
]

urlpatterns += i18n_patterns(
    # The interface's translations for the scripts (plurals included), in the page's language.
    path(
        "jsi18n/",
        cache_control(public=True, max_age=60 * 60)(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
    path("", include("timeline.urls")),
    path("present/", include("tours.urls")),
    path("demands/", include("demands.urls")),
    path("embed/tour/", include("tours.embed_urls")),
    prefix_default_language=False,
)
