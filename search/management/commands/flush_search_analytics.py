from django.core.management.base import BaseCommand

from search.analytics import flush


class Command(BaseCommand):
    help = (
        "Write the search analytics buffered in the cache to the database. Searches "
        "schedule this themselves once a minute; run it from cron on a quiet site."
    )

    def handle(self, *args, **options):
        written = flush()
        self.stdout.write(f"Search analytics: {written} searches written.")
