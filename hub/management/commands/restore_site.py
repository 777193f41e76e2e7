from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hub.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database contents and the media files with those of a backup made by "
        "backup_site. The archive is checked first; if anything fails, nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar.gz archive to restore.")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="Do not rebuild the search index afterwards (run update_index later).",
        )

    def handle(self, *args, archive, no_input=False, skip_search_index=False, **options):
        if not archive.is_file():
            raise CommandError(f"There is no backup file at {archive}.")
        if not no_input:
            name = connection.settings_dict["NAME"]
            answer = input(
                f"This replaces everything in the database {name} and the media folder "
                f"with the contents of {archive}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restored = restore_backup(archive, rebuild_search_index=not skip_search_index)
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{number} {label}" for label, number in restored.items())
        self.stdout.write(self.style.SUCCESS(f"Restored {archive}: {summary}."))
