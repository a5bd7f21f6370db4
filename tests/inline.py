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
        self.style_texts: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").strip().lower()
        script = tag == "script" and not attributes.get("src") and kind not in DATA_TYPES
        handler = any(name.startswith("on") for name in attributes)
        if script or handler:
            self.scripts.append(self.get_starttag_text())
        if tag == "style" or "style" in attributes:
            self.styles.append(self.get_starttag_text())
        if tag == "style":
            self.in_style = True
            self.style_texts.append("")

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style_texts[-1] += data


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


def style_texts(page: str) -> list[str]:
    """The texts of the ``<style>`` elements, exactly as written (what a CSP hash is taken of)."""
    return _read(page).style_texts
