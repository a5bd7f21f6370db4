"""What the editors' sign-in needs of a request: the client's address, and no long transaction."""

import reversion.middleware
from django.conf import settings
from django.urls import reverse


def client_address(request) -> str | None:
    """The address the request came from, as django-axes counts failures by it.

    ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` proxies of ours stand in front of the app, each
    appending the address it received from to ``X-Forwarded-For``: then the client's address is the
    one the outermost of them appended, counted from the right. Whatever a client writes into the
    header itself stays to the left of it and is never read, so a client cannot choose its address
    (and escape a lockout, or lock another address out).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class RevisionMiddleware(reversion.middleware.RevisionMiddleware):
    """django-reversion's, which wraps every POST in one transaction, but not the sign-in.

    A sign-in changes no content, and its transaction would last as long as the password's hash
    while holding the count of failed sign-ins (django-axes): on SQLite, concurrent sign-ins then
    fail with "database is locked".
    """

    def request_creates_revision(self, request):
        return super().request_creates_revision(request) and request.path_info != reverse("admin:login")
