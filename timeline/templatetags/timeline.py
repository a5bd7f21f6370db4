import json

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.templatetags.translations import marked_untranslated
from geo.models import Place

from ..compact import place_point
from ..dates import display_date
from ..models import disagreements as group_disagreements
from ..models import original_passage, passage_summary
from ..publication import with_published_events

register = template.Library()

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre", "strong", "ul",
}  # fmt: skip


@register.filter(is_safe=True)
def markdown(text: str) -> str:
    """Markdown to HTML, sanitised: editors' text never brings scripts or styles with it."""
    html = markdown_lib.markdown(text or "", extensions=["smarty"], output_format="html")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer"))


@register.filter
def partial_date(value, precision: str) -> str:
    """``{{ source.published_on|partial_date:source.published_precision }}``"""
    return display_date(value, precision)


@register.filter
def quotation(passage) -> str:
    """``{{ citation|quotation }}``: the passage as written, for a passage that quotes its source."""
    return original_passage(passage)


@register.filter
def summary_of_source(passage) -> str | None:
    """``{% with summary=citation|summary_of_source %}``: the team's own summary of the source (shown
    as "summarised from", not as a quotation) in the page's language, the English marked where it is
    not yet translated; None where the passage quotes the source."""
    found = passage_summary(passage)
    if found is None:
        return None
    summary, language = found
    return summary if language == get_language() else marked_untranslated(summary, language)


@register.filter
def get_item(mapping, key):
    """``{{ notes|get_item:name }}``: a dictionary's value by a key held in a variable."""
    return mapping.get(key) if mapping else None


@register.filter
def disagreements(accounts):
    """``{% for accounts in event.accounts.all|disagreements %}``: one list of accounts per topic."""
    return group_disagreements(accounts)


@register.simple_tag
def timeline_landmarks() -> str:
    """The days the timeline names on its axis, as JSON for ``data-landmarks`` (escaped as an
    attribute by the template): 16 December 2011."""
    return json.dumps([{"day": "2011-12-16", "label": _("16 December 2011: police open fire in Zhanaozen")}])


@register.simple_tag
def map_places() -> list[dict]:
    """The public places (those of published events), as the maps name them, in the active
    language: ``{% map_places as places %}``, then ``{{ places|json_script:"map-places" }}`` for a
    script, or ``{% static_map place names=places %}``."""
    return [place_point(place) for place in with_published_events(Place.objects).order_by("slug")]
