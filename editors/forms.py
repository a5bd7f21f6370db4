"""The sign-in form with its second factor, and the forms that set two-factor sign-in up."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

RECOVERY_CODES = 10


def code_field(**kwargs):
    return forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        **kwargs,
    )


def normalise(code: str) -> str:
    """A code as typed: spaces and dashes (“123 456”, “abcd-efgh”) do not matter, nor case."""
    return "".join(code.split()).replace("-", "").lower()


class SignInForm(AdminAuthenticationForm):
    """The admin's sign-in: username and password, and the code for those who set up a second factor."""

    otp_token = code_field(required=False)

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": _("Enter the code from your authenticator app, or one of your recovery codes."),
        "code_invalid": _("That code is not right, or has been used. Enter the current code from your app."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].label = _("Two-factor code")
        self.fields["otp_token"].help_text = _(
            "Only if you have turned on two-factor sign-in: the six digits your app shows, or a recovery code."
        )

    def clean(self):
        cleaned_data = super().clean()  # the password (refused early during a lockout)
        user = self.get_user()
        if user is not None and user_has_device(user):
            code = normalise(cleaned_data.get("otp_token") or "")
            if not code:
                raise ValidationError(self.error_messages["code_required"], code="code_required")
            device = match_token(user, code)
            if device is None:
                # A wrong code counts as a failed sign-in (django-axes locks out after too many).
                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=self.request
                )
                raise ValidationError(self.error_messages["code_invalid"], code="code_invalid")
            user.otp_device = device  # django-otp records it in the session on sign-in
        return cleaned_data


class ConfirmDeviceForm(forms.Form):
    """Turns an authenticator app on: its first code proves it was set up."""

    code = code_field()

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if not self.device.verify_token(code):
            raise ValidationError(_("That code is not right. Enter the six digits your app shows now."), code="invalid")
        return code

    def save(self) -> list[str]:
        """Confirm the device and make the recovery codes; returns the codes (shown once)."""
        with transaction.atomic():
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            return make_recovery_codes(self.device.user)


class CurrentCodeForm(forms.Form):
    """A current code (from the app, or a recovery code) before a change to the sign-in itself."""

    code = code_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        self.device = match_token(self.user, code)
        if self.device is None:
            raise ValidationError(_("That code is not right, or has been used."), code="invalid")
        return code


def make_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ten new single-use ones; returns them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes")
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def turn_off_two_factor(user) -> None:
    """Remove every second factor of the user's (app and recovery codes)."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
