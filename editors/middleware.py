"""What the editors' sign-in needs of a request: the client's address, and no long transaction."""

import reversion.middleware
from django.urls import reverse


class RevisionMiddleware(reversion.middleware.RevisionMiddleware):
    """django-reversion's, which wraps every POST in one transaction, but not the sign-in.

    A sign-in changes no content, and its transaction would last as long as the password's hash
    while holding the count of failed sign-ins (django-axes): on SQLite, concurrent sign-ins then
    fail with "database is locked".
    """

    def request_creates_revision(self, request):
        return super().request_creates_revision(request) and request.path_info != reverse("admin:login")
