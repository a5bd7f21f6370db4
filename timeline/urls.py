from django.urls import path

from . import og, views

app_name = "timeline"

urlpatterns = [
    path("", views.ExplorerView.as_view(), name="explorer"),
    # The explorer in other sites' frames (a tour's embed is under /embed/tour/: tours.embed_urls).
    path("embed/", views.EmbedExplorerView.as_view(), name="embed"),
    path("explorer/events.json", views.EventsDataView.as_view(), name="events-data"),
    path("explorer/search.json", views.EventSearchView.as_view(), name="events-search"),
    path("events/<slug:slug>/", views.event_page, name="event"),
    path("events/<slug:slug>/history/", views.EventHistoryView.as_view(), name="event-history"),
    path("events/<slug:slug>/history/<int:version>/", views.EventVersionView.as_view(), name="event-version"),
    path("events/<slug:slug>/panel/", views.EventPanelView.as_view(), name="event-panel"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    # The pictures a shared view shows (og:image): a map of the view.
    path("og/explorer.png", og.explorer_image, name="og-explorer"),
    path("og/events/<slug:slug>.png", og.event_image, name="og-event"),
    path("categories.css", views.CategoryStylesView.as_view(), name="category-styles"),
]
