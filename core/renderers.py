"""The API's download formats: GeoJSON for maps, CSV for spreadsheets, Linked Places for gazetteers."""

import csv
import io

from django.conf import settings
from rest_framework.renderers import BaseRenderer, JSONRenderer

from .text import FORMULA_STARTS


class GeoJSONRenderer(JSONRenderer):
    """JSON under GeoJSON's own media type (RFC 7946); the serializer gives the FeatureCollection.

    A Feature or FeatureCollection carries the content's licence as a top-level ``license`` member
    (name and address): a foreign member, which RFC 7946 (section 6.1) allows and GeoJSON readers
    ignore, so that a downloaded file says on what terms it may be used."""

    media_type = "application/geo+json"
    format = "geojson"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and data.get("type") in {"Feature", "FeatureCollection"}:
            data = {**data, "license": settings.LICENCES["content"]}
        return super().render(data, accepted_media_type, renderer_context)


class LinkedPlacesRenderer(JSONRenderer):
    """Linked Places Format (a GeoJSON-LD FeatureCollection for gazetteers); the serializer gives it."""

    media_type = "application/ld+json"
    format = "lpf"


class CSVRenderer(BaseRenderer):
    """One row per item, a header row of the serializer's field names.

    UTF-8 with a byte order mark, so that spreadsheets (Excel above all) read Cyrillic and Kazakh
    letters correctly; RFC 4180 line endings. Lists (category slugs) are joined with ", ".
    The serializer gives flat rows: nested objects are not flattened here.

    The content's licence goes in a ``Link: <…>; rel="license"`` header (RFC 8288), not in the file:
    a line of text above the header row would break every CSV reader.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"
    byte_order_mark = "\ufeff"
    list_separator = ", "

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The columns come from the serializer, so that an empty result still has its header row.
        fieldnames = list(data.serializer.child.fields)
        buffer = io.StringIO()
        buffer.write(self.byte_order_mark)
        writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n")
        writer.writeheader()
        for row in data:
            writer.writerow({name: self.cell(value) for name, value in row.items()})
        response = (renderer_context or {}).get("response")
        filename = getattr((renderer_context or {}).get("view"), "download_name", "zhanaozen")
        if response is not None:
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            response["Link"] = f'<{settings.LICENCES["content"]["url"]}>; rel="license"'
        return buffer.getvalue().encode(self.charset)

    # A text cell that begins with one of these is a formula to a spreadsheet: it is written with a
    # leading apostrophe, which spreadsheets show as text (core.text). Numbers stay as they are.
    formula_starts = FORMULA_STARTS

    def cell(self, value):
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            value = self.list_separator.join(str(item) for item in value)
        if isinstance(value, str) and value.startswith(self.formula_starts):
            return "'" + value
        return value
