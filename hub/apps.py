from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("CoWorkMed Hub core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import privacy

        privacy.connect()
        from hub import cache

        cache.connect()
        from . import checks  # noqa: F401  (registers the system checks)
