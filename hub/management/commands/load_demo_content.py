from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from hub.demo.data import DEFAULT_DATA_DIR, load_demo_data
from hub.demo.loader import CASE_STUDY_PAGE, DemoLoader, summary_lines
from hub.demo.schema import DataError


class Command(BaseCommand):
    help = (
        "Load the demo content (case studies, guides, tools, country profiles, organisations, "
        "images, documents, translations) from the data files in hub/data/demo/. "
        "Safe to run again: what exists already is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content first (only the demo content), then load it again.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only if the site has no case study yet (what `make run` uses).",
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DEFAULT_DATA_DIR,
            help="Read the data files from this directory instead of hub/data/demo/.",
        )

    def handle(self, *args, reset=False, if_empty=False, data_dir=DEFAULT_DATA_DIR, **options):
        if reset and if_empty:
            raise CommandError("Use either --reset or --if-empty, not both.")
        if if_empty and self.has_case_studies():
            self.stdout.write("The site already has case studies: demo content not loaded.")
            return
        try:
            data = load_demo_data(data_dir)
        except DataError as error:
            raise CommandError(f"Demo data not loaded, nothing was changed. {error}") from None
        counts = ", ".join(f"{count} {kind}" for kind, count in data.counts().items())
        self.stdout.write(f"Data files read and checked: {counts}.")
        loader = DemoLoader(data, stdout=self.stdout)
        try:
            summary = loader.run(reset=reset)
        except DataError as error:
            raise CommandError(f"Demo data not loaded, nothing was changed. {error}") from None
        installed = apps.is_installed("wagtail.contrib.search_promotions")
        for line in summary_lines(summary, promotions_installed=installed):
            self.stdout.write(line)

    @staticmethod
    def has_case_studies() -> bool:
        try:
            case_study_model = apps.get_model(CASE_STUDY_PAGE)
        except LookupError:
            return False
        return case_study_model.objects.exists()
