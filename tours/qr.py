"""QR codes, made on the server (segno) as inline SVG: for the handouts, the closing slides and the
tour builder."""

import io

import segno


def qr_svg(url: str, *, title: str = "", document: bool = False) -> str:
    """The QR code of ``url`` as SVG, titled ``title`` (or the address).

    It has a viewBox and no size of its own, so it scales whole to the size the stylesheet gives it
    (a code cut at any edge is not read); the border is the quiet zone of four modules readers want.
    segno writes the SVG and escapes the title itself. ``document``: a file of its own (an image's
    ``src``), with its XML declaration and namespace, rather than an element inside a page.
    """
    code = segno.make(url, error="m")
    options = {"border": 4, "omitsize": True, "title": title or url, "dark": "#000", "light": "#fff"}
    if not document:
        return code.svg_inline(**options)
    out = io.BytesIO()
    code.save(out, kind="svg", **options)
    return out.getvalue().decode()
