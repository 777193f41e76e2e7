from django.core.management.base import BaseCommand, CommandError

from hub.catalogs import check_catalogs


class Command(BaseCommand):
    help = (
        "List the interface strings that are untranslated or fuzzy in locale/*/django.po; "
        "fails while any is left (run after `make messages`)."
    )

    def handle(self, *args, **options):
        reports = check_catalogs()
        left = 0
        for report in reports:
            state = "complete" if not report.problems else f"{len(report.problems)} to do"
            self.stdout.write(f"{report.language}: {report.total} strings, {state}")
            for problem in report.problems:
                self.stdout.write(f"  {problem}")
            left += len(report.problems)
        if left:
            raise CommandError(f"{left} interface string(s) to translate or review.")
