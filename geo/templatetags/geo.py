import json

from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def map_config() -> str:
    """The map's tiles and offline basemap, as JSON for a ``data-map-config`` attribute."""
    tiles = [
        {"url": url, "options": {**options, "attribution": str(options.get("attribution", ""))}}
        for _name, url, options in settings.LEAFLET_CONFIG["TILES"]
    ]
    return json.dumps({"tiles": tiles, "basemapUrl": static("geo/basemap/natural-earth-region.geojson")})
