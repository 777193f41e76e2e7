from django.core.management.base import BaseCommand

from hub.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or repair the groups Editors, Reviewers and one translators' group per "
        "non-English locale, with exactly the permissions described in hub/roles.py. "
        "Run it after setup_site; safe to run again (memberships are kept)."
    )

    def handle(self, *args, **options):
        for group, state, notes in setup_roles():
            self.stdout.write(f"{group.name}: {state}")
            for note in notes:
                self.stdout.write(self.style.WARNING(f"  {group.name}: {note}"))
