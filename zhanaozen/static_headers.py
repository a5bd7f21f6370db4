"""The headers that WhiteNoise gives a static file in production besides its own (see
``WHITENOISE_ADD_HEADERS_FUNCTION``): it answers before Django's middleware would add them.

A file a browser can open as a document (an SVG, an HTML page, JSON) gets the pages' policies. A
script or a style sheet never is one: the Content-Security-Policy, framing and permissions policies
are read from documents (and workers, which the site serves from pages of its own: ``/sw.js``), so
on a script they would only be sent, about 700 bytes each time, and never read. Every file keeps
``nosniff``, the referrer policy and HSTS (``SecurityMiddleware``, outside WhiteNoise)."""

from csp.utils import build_policy
from django.conf import settings
from django_permissions_policy import PermissionsPolicyMiddleware

NEVER_A_DOCUMENT = (".js", ".css")


def add_headers(headers, path, url):
    """The pages' CSP (without a nonce: a file has no inline script), no framing and the pages'
    permissions policy, on whatever could be shown as a document."""
    if url.endswith(NEVER_A_DOCUMENT):
        return
    headers["Content-Security-Policy"] = build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    policy = PermissionsPolicyMiddleware.compute_header_value(settings.PERMISSIONS_POLICY, name="PERMISSIONS_POLICY")
    if policy:
        headers["Permissions-Policy"] = policy
