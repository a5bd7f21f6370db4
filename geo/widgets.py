"""The admin's map widget: django-leaflet's, drawn over the bundled outline."""

from django.forms import Media, Script
from leaflet.admin import LeafletAdminWidget


class AdminMapWidget(LeafletAdminWidget):
    """django-leaflet's admin map with the bundled Natural Earth outline under its tiles, so that it
    is a map, not a grey box, where the tiles cannot be loaded; and its point kept in step with the
    form's latitude and longitude fields where it has them (``geo.forms.PointFieldsMixin``). The
    script is a static ES module (no inline script: strict CSP); the template gives it the outline's
    address."""

    @property
    def media(self):
        return super().media + Media(
            css={"screen": ["geo/admin-map.css"]}, js=[Script("geo/admin-map.js", type="module")]
        )
