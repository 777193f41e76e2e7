"""Two-factor authentication (TOTP) for the Wagtail admin, switched on by ADMIN_2FA_REQUIRED.

Built on django-otp. When the switch is on, every person who can reach the admin must,
after the password, either enter a code from an authenticator app or, the first time,
set one up by scanning a QR code. Nothing changes when the switch is off.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator app"

# Admin URLs a signed-in but not yet verified person may still reach.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "hub_2fa_verify",
    "hub_2fa_setup",
}


def can_use_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


class AdminTwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (``request.user.is_verified()``), plus the admin's gate."""

    def __call__(self, request):
        self._install_lazy_accessors(request)
        if settings.ADMIN_2FA_REQUIRED:
            gate = self.gate(request)
            if gate is not None:
                return gate
        return self.get_response(request)

    def gate(self, request):
        if not request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            return None
        user = request.user
        if not can_use_admin(user) or user.is_verified():
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None  # the 404 page reveals nothing
        if match.url_name in OPEN_URL_NAMES:
            return None
        target = "hub_2fa_verify" if user_has_device(user, confirmed=True) else "hub_2fa_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the 6 digits shown in your authenticator app."))
        allowed, _data = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a little, then try again with a new code.")
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("This code is not valid. Try the current code."))
        return token


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("wagtailadmin_home")


def _login_required(request):
    if not can_use_admin(request.user):
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.path})}")
    return None


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request):
    """Second step of signing in: the code from the person's authenticator app."""
    if (response := _login_required(request)) is not None:
        return response
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('hub_2fa_setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return render(
        request,
        "admin/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@never_cache
@sensitive_post_parameters("otp_token")
def setup(request):
    """First sign-in with 2FA on: scan a QR code, then confirm with a first code."""
    if (response := _login_required(request)) is not None:
        return response
    if user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('hub_2fa_verify')}?{urlencode({'next': _next_url(request)})}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").last()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, confirmed=False, name=DEVICE_NAME)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor authentication is set up for your account."))
        return redirect(_next_url(request))
    qr_code = segno.make(device.config_url, error="m")
    return render(
        request,
        "admin/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_code_svg": qr_code.svg_inline(
                scale=5, title=_("QR code for your authenticator app")
            ),
            "secret": _group(b32encode(device.bin_key).decode()),
        },
        status=400 if form.errors else 200,
    )


def _group(secret: str) -> str:
    """The key split in groups of four, easier to type by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
