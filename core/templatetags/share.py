"""``{% share_meta %}``: the description, Open Graph and Twitter card tags of the page's ``share``
(``core.share.Share``), with absolute addresses; ``{% embed_code %}``: its embed as an ``<iframe>``."""

from django import template
from django.conf import settings
from django.utils.html import escape
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


def attribute(value: str) -> str:
    """``value`` escaped for an attribute in double quotes, apostrophes left as they are (easier to read)."""
    return escape(value).replace("&#x27;", "'")


# The size an embed's frame asks for: the whole width of the column it is put in, a map and a timeline high.
EMBED_HEIGHT = 640


@register.simple_tag(takes_context=True)
def embed_code(context) -> dict:
    """The page's embed (``share.embed``) as the ``<iframe>`` another site copies into its page: ``html``
    (text, which the template escapes) and ``base``, the embed's address without its query (which the
    explorer's script rewrites as the filters change)."""
    share = context.get("share")
    request = context.get("request")
    if not share or not share.embed or request is None:
        return {}
    url = request.build_absolute_uri(share.embed)
    # Plain text (an f-string, not a SafeString): the template escapes it once more, as text in a <textarea>.
    html = (
        f'<iframe src="{attribute(url)}" title="{attribute(share.title)}" width="100%" height="{EMBED_HEIGHT}" '
        'loading="lazy" allow="fullscreen"></iframe>'
    )
    return {"html": html, "base": url.split("?", 1)[0]}
