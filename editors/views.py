"""Editors' sign-in pages: the lockout page and setting up two-factor sign-in."""

from base64 import b32encode

import segno
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Max, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import ConfirmDeviceForm, CurrentCodeForm, make_recovery_codes, turn_off_two_factor
from .sites import two_factor_required


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while locked out: when to try again, in the admin's look."""
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    counted = Q(pk__in=[])
    if username:
        counted |= Q(username=username)
    if address:
        counted |= Q(ip_address=address)
    latest = AccessAttempt.objects.filter(counted).aggregate(latest=Max("attempt_time"))["latest"]
    until = (latest or timezone.now()) + get_cool_off(request)
    context = {
        # The admin's header, without the rest of each_context (this page must cost little).
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "title": _("Sign-in locked"),
        "until": until,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "editors/locked_out.html", context, status=429)
    response["Retry-After"] = str(max(1, int((until - timezone.now()).total_seconds())))
    return response


class TwoFactorView(TemplateView):
    """Turn on two-factor sign-in (a QR code, the secret, a first code), make new recovery codes, turn it off."""

    site = None
    template_name = "editors/two_factor.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = {
            **self.site.each_context(self.request),
            "title": _("Two-factor sign-in"),
            "required": two_factor_required(user),
            "app": self.confirmed_app(),
        }
        if context["app"]:
            context["recovery_codes_left"] = StaticToken.objects.filter(device__user=user).count()
            context.setdefault("codes_form", CurrentCodeForm(user=user, prefix="codes"))
            context.setdefault("off_form", CurrentCodeForm(user=user, prefix="off"))
        else:
            device = self.pending_app()
            context["qr_code"] = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
            context["secret"] = b32encode(device.bin_key).decode()
            context.setdefault("confirm_form", ConfirmDeviceForm(device=device, prefix="confirm"))
        return {**context, **kwargs}

    def post(self, request, *args, **kwargs):
        user = request.user
        action = request.POST.get("action")
        if action == "confirm" and not self.confirmed_app():
            form = ConfirmDeviceForm(request.POST, device=self.pending_app(), prefix="confirm")
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(confirm_form=form))
            codes = form.save()
            otp_login(request, form.device)  # this session has now signed in with it
            return self.show_codes(codes, _("Two-factor sign-in is on."))
        if action == "codes" and self.confirmed_app():
            form = CurrentCodeForm(request.POST, user=user, prefix="codes")
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(codes_form=form))
            return self.show_codes(make_recovery_codes(user), _("Your old recovery codes no longer work."))
        if action == "off" and self.confirmed_app() and not two_factor_required(user):
            form = CurrentCodeForm(request.POST, user=user, prefix="off")
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(off_form=form))
            turn_off_two_factor(user)
            messages.success(request, _("Two-factor sign-in is off: your password alone signs you in."))
            return redirect(f"{self.site.name}:two_factor")
        return HttpResponseBadRequest()

    def show_codes(self, codes, message):
        context = {**self.site.each_context(self.request), "title": _("Your recovery codes"), "codes": codes}
        context["message"] = message
        return render(self.request, "editors/recovery_codes.html", context)

    def confirmed_app(self):
        return TOTPDevice.objects.devices_for_user(self.request.user, confirmed=True).first()

    def pending_app(self):
        """The app being set up: the same secret until it is confirmed, however often the page is opened."""
        device = TOTPDevice.objects.devices_for_user(self.request.user, confirmed=False).order_by("pk").first()
        return device or TOTPDevice.objects.create(user=self.request.user, name="Authenticator app", confirmed=False)
