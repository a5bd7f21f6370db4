"""What a page says of itself when it is shared: its title, a description, a picture.

A view puts a ``Share`` in its context as ``share``; ``bare.html`` writes it once, for every kind of
page, as the document's title and description, Open Graph and Twitter card tags
(``core.templatetags.share``). This module knows no model: the apps say what their pages show.
"""

import dataclasses

from django.utils.translation import gettext as _

# The picture's size (``/og/…png``): what Open Graph and Twitter cards show best.
IMAGE_WIDTH = 1200
IMAGE_HEIGHT = 630

# Open Graph writes a locale as language_TERRITORY.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "kk": "kk_KZ"}


@dataclasses.dataclass(frozen=True)
class Share:
    title: str  # what the page shows, without the site's name
    description: str
    image: str = ""  # the picture's address on this site (a path, with its query)
    image_alt: str = ""
    type: str = "website"  # Open Graph's type: "website", or "article" for one event
    document_title: str = ""  # the ``<title>``, where it is not the title and the site's name
    embed: str = ""  # the address of the view for other sites' frames (``/embed/…``), if it has one

    @property
    def page_title(self) -> str:
        """The document's ``<title>``: what it shows, then the site."""
        return self.document_title or f"{self.title} — {_('Zhanaozen')}"
