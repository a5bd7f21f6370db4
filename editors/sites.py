"""The admin site of the editors: sign-in with a second factor where one is set up or required."""

import functools

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django_otp import user_has_device

from .forms import SignInForm

# What a user who must set up two-factor sign-in can still open before doing it.
OPEN_BEFORE_SET_UP = {"two_factor", "logout", "jsi18n"}


def two_factor_required(user) -> bool:
    """Whether the settings require this user to sign in with a second factor (TWO_FACTOR_REQUIRED_FOR)."""
    required_for = settings.TWO_FACTOR_REQUIRED_FOR
    if required_for == "staff":
        return user.is_staff or user.is_superuser
    if required_for == "superusers":
        return user.is_superuser
    return False


def is_verified(request) -> bool:
    """Whether this session signed in with a second factor (django-otp's middleware knows)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


class EditorsAdminSite(admin.AdminSite):
    login_form = SignInForm
    login_template = "editors/login.html"

    def login(self, request, extra_context=None):
        """The sign-in; while locked out (django-axes), refused at once: no form, no password hash."""
        if request.method == "POST" and not AxesProxyHandler.is_allowed(request):
            return get_lockout_response(request)
        return super().login(request, extra_context)

    def has_permission(self, request):
        """Staff, and if they have a second factor, signed in with it (a password alone is not enough)."""
        return super().has_permission(request) and (is_verified(request) or not user_has_device(request.user))

    def admin_view(self, view, cacheable=False):
        """Every admin page; a user who must set up two-factor sign-in is sent to do it first."""
        checked = super().admin_view(view, cacheable)

        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            if request.resolver_match.url_name not in OPEN_BEFORE_SET_UP and self.must_set_up(request):
                return redirect(f"{self.name}:two_factor")
            return checked(request, *args, **kwargs)

        return inner

    def must_set_up(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and two_factor_required(user) and not user_has_device(user)

    def get_urls(self):
        from .views import TwoFactorView

        return [
            path("two-factor/", self.admin_view(TwoFactorView.as_view(site=self)), name="two_factor"),
            *super().get_urls(),
        ]
