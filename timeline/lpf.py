"""Places in the Linked Places Format (LPF), for gazetteers such as the World Historical Gazetteer:
a GeoJSON-LD FeatureCollection whose features have an ``@id`` (the place's page), a title, every
name the place has here, when it appears in the published events, and its links to other gazetteers.
"""

from django.conf import settings
from rest_framework import serializers

from .dates import iso_at_precision

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"


def names(place) -> list[dict]:
    """The place's names: each language's (where translated), then its other spellings (of no one
    language: they mix scripts and languages)."""
    seen, result = set(), []
    for language, _name in settings.LANGUAGES:
        toponym = getattr(place, f"name_{language}", "") or ""
        if toponym and toponym not in seen:
            seen.add(toponym)
            result.append({"toponym": toponym, "lang": language})
    for toponym in place.alt_name_list:
        if toponym not in seen:
            seen.add(toponym)
            result.append({"toponym": toponym})
    return result


def when(events) -> dict | None:
    """The span of the place's published events: from the first one's start to the last one's end,
    each at the precision it is known to (``2011-06`` for a month)."""
    if not events:
        return None
    first = min(events, key=lambda event: event.start_date)
    ends = [
        (event.end_date, event.end_precision) if event.end_date else (event.start_date, event.date_precision)
        for event in events
    ]
    last_date, last_precision = max(ends, key=lambda end: end[0])
    return {
        "timespans": [
            {
                "start": {"in": iso_at_precision(first.start_date, first.date_precision)},
                "end": {"in": iso_at_precision(last_date, last_precision)},
            }
        ]
    }


def links(place) -> list[dict]:
    return [{"type": "closeMatch", "identifier": uri} for uri in (place.wikidata_uri, place.geonames_uri) if uri]


class LinkedPlacesListSerializer(serializers.ListSerializer):
    @property
    def data(self):
        return super(serializers.ListSerializer, self).data

    def to_representation(self, data):
        return {"type": "FeatureCollection", "@context": CONTEXT, "features": super().to_representation(data)}


class LinkedPlaceSerializer(serializers.BaseSerializer):
    """One place as a Linked Places feature. Its events come prefetched as ``published_events``."""

    class Meta:
        list_serializer_class = LinkedPlacesListSerializer

    @classmethod
    def many_init(cls, *args, **kwargs):
        kwargs["child"] = cls()
        return LinkedPlacesListSerializer(*args, **kwargs)

    def to_representation(self, place):
        feature = {
            "@id": self.context["request"].build_absolute_uri(place.get_absolute_url()),
            "type": "Feature",
            "properties": {"title": place.name},
            "geometry": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Point", "coordinates": [place.geom.x, place.geom.y]}],
            },
            "names": names(place),
        }
        span = when(place.published_events)
        if span:
            feature["when"] = span
        feature["links"] = links(place)
        return feature
