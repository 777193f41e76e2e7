from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from hub.demo.bench import MAX_PAGES, BenchWriter, describe, plan_pages
from hub.demo.progress import Progress


def page_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise CommandError(f"--pages must be a whole number, not {value!r}.") from None
    if not 1 <= count <= MAX_PAGES:
        raise CommandError(f"--pages must be between 1 and {MAX_PAGES:,}, not {count:,}.")
    return count


def seed_value(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise CommandError(f"--seed must be a whole number, not {value!r}.") from None


def share_value(value: str) -> float:
    try:
        share = float(value)
    except ValueError:
        raise CommandError(
            f"--translated must be a number between 0 and 1, not {value!r}."
        ) from None
    if not 0 <= share <= 1:
        raise CommandError(f"--translated must be between 0 and 1, not {share}.")
    return share


class Command(BaseCommand):
    help = (
        "Generate synthetic benchmark content: N English pages (mostly case studies, some "
        "guides and tools) with a translation or an alias in every other language, "
        "reproducible from the seed. Pages are identified by slugs starting with 'bench-'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages", required=True, help=f"English pages to create (1 to {MAX_PAGES:,})."
        )
        parser.add_argument(
            "--seed",
            default="1",
            help="Random seed: the same seed gives the same pages (default 1).",
        )
        parser.add_argument(
            "--translated",
            default="0.2",
            help="Share of pages translated into each other language, 0 to 1 (default 0.2); "
            "the others are aliases of the English page.",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the existing benchmark content first."
        )

    def handle(self, *args, pages, seed, translated, reset=False, **options):
        count, seed, share = page_count(pages), seed_value(seed), share_value(translated)
        try:
            case_study = apps.get_model("casestudies", "CaseStudyPage")
            apps.get_model("toolkit", "GuidePage")
        except LookupError:
            raise CommandError(
                "The case-study and toolkit page types must be installed to generate pages."
            ) from None
        choices = {
            name: [value for value, _label in case_study._meta.get_field(name).choices]
            for name in ("business_model", "governance")
        }
        writer = BenchWriter(stdout=self.stdout)
        existing = writer.existing_count()
        if existing and not reset:
            raise CommandError(
                f"The site already has {existing:,} benchmark pages: add --reset to replace them."
            )
        if existing:
            deleted = writer.delete_existing()
            self.stdout.write(f"Deleted {deleted:,} benchmark pages.")
        plan = plan_pages(count, seed, share=share, choices=choices)
        with Progress(self.stdout, "Benchmark pages", count) as progress:
            result = writer.write(plan, progress=progress)
        for line in describe(result):
            self.stdout.write(line)
