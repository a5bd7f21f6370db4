"""Where a request comes from, read one way for everything that counts by address: the editors'
sign-in lockout (django-axes) and the rate limits (core.ratelimits, django-ratelimit)."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The address the request came from.

    ``REMOTE_ADDR`` unless ``settings.TRUSTED_PROXY_COUNT`` proxies of ours stand in front of the app,
    each appending the address it received from to ``X-Forwarded-For``: then the client's address is
    the one the outermost of them appended, counted from the right. Whatever a client writes into the
    header itself stays to the left of it and is never read, so a client cannot choose its address (to
    escape a lockout or a limit, or to lock another address out). A value that is not an address is
    not trusted either: then ``REMOTE_ADDR``.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies:
            try:
                return str(ipaddress.ip_address(forwarded[-proxies]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")
