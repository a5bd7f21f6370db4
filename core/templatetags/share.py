"""``{% share_meta %}``: the description, Open Graph and Twitter card tags of the page's ``share``
(``core.share.Share``), with absolute addresses."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.share import IMAGE_HEIGHT, IMAGE_WIDTH, OG_LOCALES

register = template.Library()


@register.inclusion_tag("core/share_meta.html", takes_context=True)
def share_meta(context) -> dict:
    share = context.get("share")
    request = context.get("request")
    if not share or request is None:
        return {"share": None}
    language = get_language()
    return {
        "share": share,
        "site_name": _("Zhanaozen"),
        # The address as the view read it: the cache has made its query canonical (core.freshness).
        "url": request.build_absolute_uri(),
        "image": request.build_absolute_uri(share.image) if share.image else "",
        "width": IMAGE_WIDTH,
        "height": IMAGE_HEIGHT,
        "locale": OG_LOCALES.get(language, language),
        "other_locales": [OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language],
    }
