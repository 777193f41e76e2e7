from django.core.management.base import BaseCommand

from hub.translation import sync_all


class Command(BaseCommand):
    help = (
        "Create the missing not-yet-translated copies of every page (aliases) and every "
        "translatable snippet in the locales synchronised from its own. Run it after a "
        "bulk import; safe to run again."
    )

    def handle(self, *args, **options):
        created = sync_all()
        self.stdout.write(
            f"{created['pages']} page alias(es) and {created['snippets']} snippet "
            "translation(s) created."
        )
