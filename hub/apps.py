from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("CoWorkMed Hub core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import privacy

        privacy.connect()
        from django.db.models.signals import post_migrate

        from hub.db import refresh_statistics_after_migrate

        post_migrate.connect(refresh_statistics_after_migrate, sender=self)
        from hub import cache

        cache.connect()
        from . import checks  # noqa: F401  (registers the system checks)
