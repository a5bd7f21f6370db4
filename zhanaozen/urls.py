from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Zhanaozen: editing")
admin.site.site_title = _("Zhanaozen editors")
admin.site.index_title = _("Content")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include(("zhanaozen.api", "api"))),
]

urlpatterns += i18n_patterns(
    path("", include("timeline.urls")),
    path("", include("geo.urls")),
    path("present/", include("tours.urls")),
    prefix_default_language=False,
)
