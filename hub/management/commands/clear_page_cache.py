from django.core.management.base import BaseCommand

from hub.cache import new_generation


class Command(BaseCommand):
    help = (
        "Forget every cached page (hub/cache.py). Run after each deploy, so that no page "
        "rendered by the old templates is served, and after changing content in bulk "
        "without Wagtail (queryset updates send no signal)."
    )

    def handle(self, *args, **options):
        new_generation()
        self.stdout.write("Cached pages forgotten.")
