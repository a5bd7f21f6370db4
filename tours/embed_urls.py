"""A tour for other sites' frames: ``/embed/tour/<slug>/`` (the explorer's embed is ``/embed/``)."""

from django.urls import path

from . import views

app_name = "tours-embed"

urlpatterns = [
    path("<slug:slug>/", views.TourEmbedView.as_view(), name="tour"),
]
