from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place"),
]
