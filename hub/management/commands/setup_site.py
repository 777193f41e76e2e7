import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from hub.settings.environment import ENV
from hub.setup import setup_site


class Command(BaseCommand):
    help = (
        "Create the six locales, the synchronised home pages and, unless --no-admin, "
        "an administrator if there is none. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="Do not create an administrator."
        )

    def handle(self, *args, no_admin=False, **options):
        home = setup_site()
        self.stdout.write(f"Locales and home pages ready (home: {home.title}).")
        if not no_admin:
            self.ensure_admin()

    def ensure_admin(self):
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            return
        password = ENV.admin_password or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=ENV.admin_username, email=ENV.admin_email, password=password
        )
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {ENV.admin_username}"))
        if not ENV.admin_password:
            self.stdout.write(
                self.style.WARNING(
                    f"Generated password (shown once, change it after logging in): {password}"
                )
            )
