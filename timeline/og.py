"""The picture a shared view shows (``og:image``): a map of the view, drawn on the server.

1200×630 PNG, drawn with Pillow from the bundled outline (``geo``'s offline basemap) and the places
of the view with their counts (an event's place highlighted), with the site's name and the view's
title. Each is built once per state of the content, language and canonical query
(``core.freshness.cached_by_content``), and may be kept by a crawler or a browser for an hour.
"""

import dataclasses
import functools
import io
import logging
import math
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageDraw, ImageFont

from core.freshness import cached_by_content
from core.share import IMAGE_HEIGHT, IMAGE_WIDTH
from geo.models import Place
from geo.templatetags.geo import _outline

from .filters import EventFilters, FilterError, canonical_filters, search_limit
from .models import Event
from .share import events_title, site_title

logger = logging.getLogger(__name__)

# Where the system's DejaVu fonts are (Debian's fonts-dejavu-core): they write Kazakh and Russian.
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
# How long a crawler or a browser may keep a picture without asking again.
MAX_AGE = 60 * 60

INK = (31, 35, 40)
MUTED = (87, 96, 106)
PAPER = (251, 250, 247)
SEA = (207, 224, 234)
LAND = (238, 235, 227)
HOME = (247, 243, 232)  # Kazakhstan
BORDER = (160, 155, 145)
ACCENT = (138, 28, 28)
OTHER = (120, 128, 138)

PANEL = 470  # the text's column, on the left; the map fills the rest
MARGIN = 48


@dataclasses.dataclass(frozen=True)
class Mark:
    name: str
    lon: float
    lat: float
    count: int = 0  # events there (0: a place shown for orientation only)
    highlight: bool = False


@functools.cache
def font(name: str, size: int):
    """A DejaVu face; without the font files, Pillow's own font, with a warning (a picture all the same)."""
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    logger.warning("Font %s not found in %s: the shared pictures use Pillow's default font.", name, FONT_DIRS)
    return ImageFont.load_default(size)


def wrap(draw, text: str, face, width: int, max_lines: int) -> list[str]:
    """``text`` in lines no wider than ``width``; an ellipsis ends it where it does not fit."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + "…", font=face) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += "…"
    return lines


def in_region(mark: Mark) -> bool:
    """Whether a place is in the map's default view: Mangystau, where most events happened."""
    (south, west), (north, east) = settings.MAP_BOUNDS
    return west <= mark.lon <= east and south <= mark.lat <= north


def extent(marks: list[Mark]) -> tuple[float, float, float, float]:
    """West, south, east, north: the view's places (the highlighted one, else those with events) with
    a margin; those in Mangystau only where some are, the others are named below the title
    (``elsewhere``); within the outline's coverage (40–92° E, 33–58° N). The map's default view
    without any place."""
    (south, west), (north, east) = settings.MAP_BOUNDS
    shown = [mark for mark in marks if mark.highlight] or [mark for mark in marks if mark.count]
    shown = [mark for mark in shown if 40 <= mark.lon <= 92 and 33 <= mark.lat <= 58]
    shown = [mark for mark in shown if in_region(mark)] or shown
    if shown:
        lons, lats = [mark.lon for mark in shown], [mark.lat for mark in shown]
        west, east = min(lons), max(lons)
        south, north = min(lats), max(lats)
    pad_lon = max(1.5, (east - west) * 0.15)
    pad_lat = max(1.0, (north - south) * 0.15)
    return max(40, west - pad_lon), max(33, south - pad_lat), min(92, east + pad_lon), min(58, north + pad_lat)


def draw_map(title: str, subtitle: str, marks: list[Mark]) -> bytes:
    image = Image.new("RGB", (IMAGE_WIDTH, IMAGE_HEIGHT), SEA)
    draw = ImageDraw.Draw(image)
    # The map, in the area right of the text (equirectangular, true to scale at its middle).
    area_left, area_top, area_right, area_bottom = PANEL + 20, 20, IMAGE_WIDTH - 20, IMAGE_HEIGHT - 20
    west, south, east, north = extent(marks)
    stretch = 1 / math.cos(math.radians((south + north) / 2))
    scale = min((area_right - area_left) / (east - west), (area_bottom - area_top) / ((north - south) * stretch))
    centre_x, centre_y = (area_left + area_right) / 2, (area_top + area_bottom) / 2
    middle_lon, middle_lat = (west + east) / 2, (south + north) / 2

    def project(lon, lat):
        return centre_x + (lon - middle_lon) * scale, centre_y - (lat - middle_lat) * scale * stretch

    for iso, rings in _outline():
        for ring in rings:
            points = [project(lon, lat) for lon, lat in ring]
            if len(points) > 2:
                draw.polygon(points, fill=HOME if iso == "KAZ" else LAND, outline=BORDER)

    # Places: the marks that matter most drawn last (on top); their names first, so that they win
    # where names crowd.
    order = sorted(marks, key=lambda mark: (not mark.highlight, -mark.count, mark.name))
    placed = []
    for mark in reversed(order):
        x, y = project(mark.lon, mark.lat)
        if not (0 <= x <= IMAGE_WIDTH and 0 <= y <= IMAGE_HEIGHT):
            continue
        if mark.highlight:
            radius, colour = 16, ACCENT
        elif mark.count:
            radius, colour = 7 + 3 * math.sqrt(mark.count), ACCENT
        else:
            radius, colour = 5, OTHER
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour, outline=PAPER, width=2)
        if mark.count > 1 and radius >= 11:
            draw.text((x, y), str(mark.count), font=font("DejaVuSans-Bold.ttf", 15), fill=PAPER, anchor="mm")
        placed.append((mark, x, y, radius))
    taken = [(x - r, y - r, x + r, y + r) for mark, x, y, r in placed if mark.count or mark.highlight]
    for mark, x, y, radius in reversed(placed):
        if mark.highlight:
            label, face, colour = mark.name, font("DejaVuSans-Bold.ttf", 22), INK
        elif mark.count:
            label = mark.name if mark.count > 1 and radius >= 11 else f"{mark.name} ({mark.count})"
            face, colour = font("DejaVuSans.ttf", 18), INK
        else:
            label, face, colour = mark.name, font("DejaVuSans.ttf", 15), MUTED
        box = draw.textbbox((x + radius + 6, y), label, font=face, anchor="lm")
        if box[2] > IMAGE_WIDTH - 8:  # no room on the right: write it on the left
            box = draw.textbbox((x - radius - 6, y), label, font=face, anchor="rm")
        own = (x - radius, y - radius, x + radius, y + radius)
        if box[0] < PANEL + 10 or any(
            box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken if t != own
        ):
            continue
        taken.append(box)
        draw.rectangle((box[0] - 3, box[1] - 2, box[2] + 3, box[3] + 2), fill=PAPER)
        draw.text((box[0], box[1]), label, font=face, fill=colour, anchor="la")

    # The text: the site, the view's title, what is on the map.
    draw.rectangle((0, 0, PANEL, IMAGE_HEIGHT), fill=PAPER)
    draw.rectangle((PANEL, 0, PANEL + 4, IMAGE_HEIGHT), fill=ACCENT)
    draw.text((MARGIN, MARGIN), _("Zhanaozen"), font=font("DejaVuSans-Bold.ttf", 30), fill=ACCENT)
    width = PANEL - 2 * MARGIN
    y = MARGIN + 70
    for size, max_lines in ((40, 6), (34, 7), (28, 9)):
        face = font("DejaVuSans-Bold.ttf", size)
        lines = wrap(draw, title, face, width, max_lines)
        if not lines[-1].endswith("…") or size == 28:
            break
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=INK)
        y += int(size * 1.25)

    def off_map(mark):
        x, y = project(mark.lon, mark.lat)
        return not (area_left <= x <= IMAGE_WIDTH and 0 <= y <= IMAGE_HEIGHT)

    left_out = [mark for mark in marks if mark.count and off_map(mark)]
    if left_out:
        names = ", ".join(f"{mark.name} ({mark.count})" for mark in sorted(left_out, key=lambda m: (-m.count, m.name)))
        subtitle = f"{subtitle}. " + _("Also: %(places)s") % {"places": names}
    face = font("DejaVuSans.ttf", 22)
    lines = wrap(draw, subtitle, face, width, 4)
    bottom = IMAGE_HEIGHT - MARGIN - 30 * len(lines)
    for index, line in enumerate(lines):
        draw.text((MARGIN, bottom + 30 * index), line, font=face, fill=MUTED)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def png(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="image/png")


def kept_for_sharing(view):
    """Let browsers and crawlers keep a picture for ``MAX_AGE`` (the page that names it revalidates)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        return response

    return wrapper


def places_of(events) -> list[Mark]:
    counts = Counter(events.exclude(place=None).values_list("place_id", flat=True))
    places = Place.objects.filter(pk__in=counts)
    return [Mark(place.name, place.geom.x, place.geom.y, counts[place.pk]) for place in places]


def image_parameters(request) -> list[tuple[str, str]]:
    return canonical_filters(request.GET)


# The cache first: only a search whose picture has to be drawn counts against the rate limit.
@kept_for_sharing
@cached_by_content(parameters=image_parameters, limit=lambda request: search_limit(request.GET))
def explorer_image(request):
    """``/og/explorer.png?<filters>``: the places of the events the filters select, with their counts."""
    try:
        filters = EventFilters.from_query(request.GET)
    except FilterError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    events = filters.apply(Event.objects.published())
    count = events.count()
    marks = places_of(events)
    unplaced = events.filter(place=None).count()
    subtitle = ngettext("%(count)s place on the map", "%(count)s places on the map", len(marks)) % {"count": len(marks)}
    if unplaced:
        subtitle += "; " + ngettext(
            "%(count)s event with no single place", "%(count)s events with no single place", unplaced
        ) % {"count": unplaced}
    # Unfiltered, the front door's picture: what the site is about.
    title = events_title(filters, count) if filters.active else site_title()
    return png(draw_map(title, subtitle, marks))


@kept_for_sharing
@cached_by_content
def event_image(request, slug: str):
    """``/og/events/<slug>.png``: the event's title and date, its place highlighted among the others."""
    event = get_object_or_404(Event.objects.published().select_related("place"), slug=slug)
    if event.place is None:
        marks = []
        where = _("no single place")
    else:
        marks = [Mark(event.place.name, event.place.geom.x, event.place.geom.y, 1, highlight=True)]
        where = event.place.name
    others = Place.objects.filter(events__in=Event.objects.published()).exclude(pk=event.place_id).distinct()
    marks += [Mark(place.name, place.geom.x, place.geom.y) for place in others]
    return png(draw_map(event.title, f"{event.date_display} · {where}", marks))
