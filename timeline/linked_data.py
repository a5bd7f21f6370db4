"""What an event's and a place's pages say of themselves to machines: Schema.org JSON-LD
(``core.templatetags.structured_data``), for search engines and other sites that link to them.

Only what the page itself shows: a withheld name never (``Actor.public_name``), dates at the
precision they are known to (``2011-06`` for a month, ``2011`` for a year).
"""

from .dates import iso_at_precision
from .models import ActorKind

CONTEXT = "https://schema.org"


def place_data(place, request, *, context: bool = True) -> dict:
    """A ``Place`` with its ``GeoCoordinates``; ``sameAs`` its gazetteer entries."""
    data = {
        "@type": "Place",
        "name": place.name,
        "url": request.build_absolute_uri(place.get_absolute_url()),
        "geo": {"@type": "GeoCoordinates", "latitude": place.geom.y, "longitude": place.geom.x},
    }
    if place.alt_name_list:
        data["alternateName"] = place.alt_name_list
    if place.description:
        data["description"] = place.description
    same_as = [url for _label, _id, url in place.gazetteer_links]
    if same_as:
        data["sameAs"] = same_as
    return {"@context": CONTEXT, **data} if context else data


def actor_data(actor) -> dict:
    """A person or an organisation as the public sees it: a withheld name is never given."""
    kind = "Person" if actor.kind == ActorKind.PERSON else "Organization"
    return {"@type": kind, "name": actor.public_name}


def source_data(source) -> dict:
    data = {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.author:
        data["author"] = source.author
    if source.published_on:
        data["datePublished"] = iso_at_precision(source.published_on, source.published_precision)
    if source.url:
        data["url"] = source.url
    if source.language:
        data["inLanguage"] = source.language
    return data


def event_data(event, request) -> dict:
    """An ``Event``: its dates, its place (an event with no single place has no ``location``: none is
    made up), the people and organisations it is about, and the sources it cites. ``event`` comes
    with its place, actors and citations' sources (``EventPanelView``'s queryset)."""
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "startDate": iso_at_precision(event.start_date, event.date_precision),
    }
    if event.end_date:
        data["endDate"] = iso_at_precision(event.end_date, event.end_precision)
    if event.place:
        data["location"] = place_data(event.place, request, context=False)
    actors = [actor_data(actor) for actor in event.actors.all()]
    if actors:
        data["about"] = actors
    sources = [source_data(citation.source) for citation in event.citations.all()]
    if sources:
        data["citation"] = sources
    return data
