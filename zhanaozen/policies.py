"""Which responses get the pages' policies, and what the others get instead.

The Content-Security-Policy, the framing and the permissions policies are read from documents: the
pages, and the service worker's script, whose own CSP governs it (``/sw.js``). A response that is
only ever data to a page (the explorer's events, JSON, GeoJSON, CSV, a picture, a style sheet made
by a view) is a document only if someone opens it on its own; then nothing in it may run, load or be
framed: ``NOTHING_RUNS``, some 40 bytes instead of some 600 of the pages' policies on every one of
them. A static script or style sheet never is a document and gets none (WhiteNoise's
``add_headers``). Every response keeps ``nosniff``, the referrer policy and HSTS
(``SecurityMiddleware``) and ``X-Frame-Options`` for browsers that know no ``frame-ancestors``."""

from django.conf import settings

NOTHING_RUNS = "default-src 'none'; frame-ancestors 'none'"

# The media types a browser reads these policies from, as documents or as a worker's script.
DOCUMENTS = ("text/html", "application/xhtml+xml", "text/javascript", "application/javascript")

NEVER_A_DOCUMENT = (".js", ".css")


def add_headers(headers, path, url):
    """A static file (``WHITENOISE_ADD_HEADERS_FUNCTION``): an SVG, an image, the outline's JSON gets
    ``NOTHING_RUNS`` and no framing; a script or a style sheet neither (it is never a document)."""
    if url.endswith(NEVER_A_DOCUMENT):
        return
    headers["Content-Security-Policy"] = NOTHING_RUNS
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS


def for_documents_only(get_response):
    """Outside django-csp's and the permissions policy's middleware: a response that is not a
    document gets ``NOTHING_RUNS`` instead of the pages' CSP, and no permissions policy."""

    def middleware(request):
        response = get_response(request)
        media_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        # Without a media type (a 304 Not Modified), it is unknown: a browser that revalidates a page
        # replaces the stored page's headers with these, so it keeps the pages' policies.
        if media_type and media_type not in DOCUMENTS and "Content-Security-Policy" in response:
            response["Content-Security-Policy"] = NOTHING_RUNS
            if "Permissions-Policy" in response:
                del response["Permissions-Policy"]
        return response

    return middleware
