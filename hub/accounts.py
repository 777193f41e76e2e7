"""Account protection: what a locked-out person sees (django-axes calls this)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed sign-in attempts. For your security, signing in with this account "
        "from your address is blocked for %(minutes)d minutes. If you have forgotten your "
        "password, ask an administrator to reset it."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The Wagtail sign-in page again, with a clear message, answered with 429."""
    messages.error(request, lockout_message())
    user_model = get_user_model()
    context = {
        "form": get_user_login_form()(request),
        "next": request.POST.get("next", "") if request.method == "POST" else "",
        "show_password_reset": password_reset_enabled(),
        "username_field": user_model._meta.get_field(user_model.USERNAME_FIELD).verbose_name,
    }
    return render(request, "wagtailadmin/login.html", context, status=429)
