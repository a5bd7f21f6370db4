"""Times as the editors' history shows them: to the second, in the site's time zone."""

from django import template
from django.utils.formats import date_format, time_format
from django.utils.timezone import template_localtime

register = template.Library()


@register.filter
def with_seconds(moment) -> str:
    """``{{ revision.date_created|with_seconds }}``: "16 December 2011, 14:05:09" (the date as the
    language writes it; two edits in the same minute told apart)."""
    if not moment:
        return ""
    local = template_localtime(moment)
    return f"{date_format(local, 'DATE_FORMAT')}, {time_format(local, 'H:i:s')}"
