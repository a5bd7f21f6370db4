"""Pages other sites may show in a frame (the embeds): their Content-Security-Policy lets the
origins in ``settings.EMBED_FRAME_ANCESTORS`` frame them, and they send no X-Frame-Options. Every
other response keeps ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.

The decorator goes outside any cache (``core.freshness.cached_by_content``): it marks the response
that is sent, whether built or taken from the cache, and the middleware writes the headers from it.
"""

import functools

from django.conf import settings


def embeddable(view):
    """Let the configured origins frame ``view``'s responses."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # django-csp's per-view override (what its csp_replace decorator sets), read when the response
        # leaves, so that a change of settings (a test's) applies at once.
        response._csp_replace = {"frame-ancestors": list(settings.EMBED_FRAME_ANCESTORS)}
        response.xframe_options_exempt = True  # Django's XFrameOptionsMiddleware leaves it out
        return response

    return wrapper
