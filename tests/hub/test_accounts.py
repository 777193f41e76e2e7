"""Accounts: lockout after failed logins, optional two-factor authentication, passwords."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-password-123"


def _login(client, password, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_right_password_signs_in(home, client, superuser):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(home, client, superuser):
    for _attempt in range(4):
        response = _login(client, "wrong-password")
        assert response.status_code == 200
        assert "username and password didn&#x27;t match" in response.text
    response = _login(client, "wrong-password")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert 'action="/admin/login/"' in response.text
    # Even the right password is refused while the lock lasts.
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert client.get("/admin/").status_code == 302


def test_the_lock_is_per_account(home, client, superuser, django_user_model):
    django_user_model.objects.create_superuser("partner", "p@example.org", PASSWORD)
    for _attempt in range(5):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD, username="partner").status_code == 302


def test_weak_passwords_are_refused(superuser):
    for weak in ["password123", "12345678901", "editor12345"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=superuser)
    validate_password("Mediterranean-coworking-7", user=superuser)


def test_admin_session_ends_with_the_browser_unless_remembered(home, client, superuser, settings):
    _login(client, PASSWORD)
    assert client.session.get_expire_at_browser_close()
    client.logout()
    client.post("/admin/login/", {"username": "editor", "password": PASSWORD, "remember": "on"})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def _token(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def test_without_the_switch_the_admin_needs_no_second_factor(home, editor_client, settings):
    settings.ADMIN_2FA_REQUIRED = False
    assert editor_client.get("/admin/").status_code == 200


def test_two_factor_set_up_then_sign_in(home, client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = True
    client.force_login(superuser)

    # First visit: the admin sends the person to the set-up page with a QR code.
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/setup/?next=")
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "<svg" in response.text
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)

    response = client.post("/admin/2fa/setup/", {"otp_token": "000000", "next": "/admin/pages/"})
    assert response.status_code == 400
    assert "not valid" in response.text
    device.throttle_reset()

    response = client.post(
        "/admin/2fa/setup/", {"otp_token": _token(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200

    # A new session: password alone is not enough any more.
    client.logout()
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert client.get("/admin/2fa/verify/").status_code == 200
    response = client.post(
        "/admin/2fa/verify/", {"otp_token": _token(device, offset=30), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_two_factor_refuses_wrong_codes_and_unsafe_redirects(home, client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client.force_login(superuser)
    response = client.post("/admin/2fa/verify/", {"otp_token": "12ab56"})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302
    device.throttle_reset()
    response = client.post(
        "/admin/2fa/verify/", {"otp_token": _token(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_two_factor_throttles_guessing(home, client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client.force_login(superuser)
    client.post("/admin/2fa/verify/", {"otp_token": "000000"})
    response = client.post("/admin/2fa/verify/", {"otp_token": _token(device)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.text


def test_public_pages_do_not_ask_for_a_second_factor(home, client, superuser, settings):
    settings.ADMIN_2FA_REQUIRED = True
    client.force_login(superuser)
    assert client.get("/en/").status_code == 200


def test_an_administrator_can_reset_a_lost_second_factor(superuser):
    import io

    from django.core.management import CommandError, call_command

    TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    out = io.StringIO()
    call_command("reset_2fa", "editor", stdout=out)
    assert "1 device(s) removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    with pytest.raises(CommandError, match="no user called"):
        call_command("reset_2fa", "nobody")
