from django.urls import path

from . import views

app_name = "tours"

urlpatterns = [
    path("", views.tours_or_selection, name="tours"),
    path("<slug:slug>/", views.TourPresentView.as_view(), name="present"),
    path("<slug:slug>/og.png", views.tour_image, name="og"),
    path("<slug:slug>/handout/", views.TourHandoutView.as_view(), name="handout"),
    path("<slug:slug>/offline.json", views.tour_offline, name="offline"),
]
