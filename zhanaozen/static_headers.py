"""The headers that WhiteNoise gives a static file in production besides its own (see
``WHITENOISE_ADD_HEADERS_FUNCTION``): it answers before Django's middleware would add them."""

from csp.utils import build_policy
from django.conf import settings


def add_headers(headers, path, url):
    """The pages' CSP (without a nonce: a file has no inline script) and, as on every page, no framing."""
    headers["Content-Security-Policy"] = build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
