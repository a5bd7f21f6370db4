"""Find in a page what a strict Content Security Policy (no 'unsafe-inline') would refuse."""

from html.parser import HTMLParser

# Script elements of these types are data (Django's json_script, Schema.org's JSON-LD), which
# browsers never run.
DATA_TYPES = {"application/json", "application/ld+json"}


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        script = tag == "script" and not attributes.get("src") and kind not in DATA_TYPES
        handler = any(name.startswith("on") for name in attributes)
        if script or handler:
            self.scripts.append(self.get_starttag_text())
        if tag == "style" or "style" in attributes:
            self.styles.append(self.get_starttag_text())


def _read(page: str) -> _Inline:
    parser = _Inline()
    parser.feed(page)
    parser.close()
    return parser


def inline_scripts(page: str) -> list[str]:
    """The start tags of inline scripts (of any type but a JSON data block) and of elements with an
    event-handler attribute (``onclick=…``)."""
    return _read(page).scripts


def inline_styles(page: str) -> list[str]:
    """The start tags of ``<style>`` elements and of elements with a ``style`` attribute."""
    return _read(page).styles
