from django.urls import path

from . import views

app_name = "tours"

# Before ``<slug>/``: a tour cannot be called "build" or "handout".
urlpatterns = [
    path("", views.tours_or_selection, name="tours"),
    path("build/", views.TourBuilderView.as_view(), name="build"),
    path("handout/", views.addressed_handout, name="selection-handout"),
    path("qr.svg", views.tour_qr_code, name="qr"),
    path("<slug:slug>/", views.TourPresentView.as_view(), name="present"),
    path("<slug:slug>/og.png", views.tour_image, name="og"),
    path("<slug:slug>/handout/", views.TourHandoutView.as_view(), name="handout"),
    path("<slug:slug>/offline.json", views.tour_offline, name="offline"),
]
