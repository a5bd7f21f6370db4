"""QR codes, made on the server (segno) as inline SVG: for the handouts, the closing slides and the
tour builder."""

import segno


def qr_svg(url: str, *, title: str = "") -> str:
    """The QR code of ``url`` as SVG, titled ``title`` (or the address).

    It has a viewBox and no size of its own, so it scales whole to the size the stylesheet gives it
    (a code cut at any edge is not read); the border is the quiet zone of four modules readers want.
    segno writes the SVG and escapes the title itself.
    """
    code = segno.make(url, error="m")
    return code.svg_inline(border=4, omitsize=True, title=title or url, dark="#000", light="#fff")
