from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.backup import BackupError, counts, create_backup


class Command(BaseCommand):
    help = (
        "Write the database contents and the media files into one archive "
        "(var/backups/coworkmed-<date>.tar.gz by default). Restore with restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Where to write the archive (.tar.gz).")

    def handle(self, *args, output=None, **options):
        if output is not None and output.is_dir():
            raise CommandError(f"{output} is a folder: give the path of the archive to write.")
        try:
            path = create_backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        summary = ", ".join(f"{number} {label}" for label, number in counts().items())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
        self.stdout.write(f"It holds {summary}.")
