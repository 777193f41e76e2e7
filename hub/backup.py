"""Backups of the whole site in one archive: database contents and media files.

An archive (``.tar.gz``) holds ``manifest.json`` (format, date, versions, row counts),
``data.json`` (every table, in Django's serialisation with the original primary keys,
so page tree paths, revisions, content types, locales, translation keys and
wagtail-localize's sources, segments and translations come back exactly) and
``media/`` (uploaded images, renditions and documents). It works the same on SQLite
and PostgreSQL, and an archive from one restores into the other.

Restoring checks the whole archive first, then replaces the database contents in one
transaction and swaps the media folder last: a bad archive or a failed load leaves the
site as it was. Sessions, login-attempt records, editing sessions and the search index
are not kept (the index is rebuilt after a restore).
"""

import io
import json
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_save

from hub import privacy

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media"
# Transient or rebuildable tables that a backup leaves out.
EXCLUDED = [
    "sessions",
    "axes",
    "wagtailsearch",
    "wagtailadmin.editingsession",
]
# The counts a restore is checked against (label: model).
COUNTED = {
    "pages": "wagtailcore.Page",
    "revisions": "wagtailcore.Revision",
    "locales": "wagtailcore.Locale",
    "translation sources": "wagtail_localize.TranslationSource",
    "translations": "wagtail_localize.Translation",
    "translated strings": "wagtail_localize.StringTranslation",
    "images": "wagtailimages.Image",
    "documents": "wagtaildocs.Document",
    "users": "auth.User",
}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for a person."""


def counts() -> dict[str, int]:
    return {label: apps.get_model(model).objects.count() for label, model in COUNTED.items()}


def default_archive_path() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return settings.BASE_DIR / "var" / "backups" / f"coworkmed-{stamp}.tar.gz"


def create_backup(output: Path | None = None) -> Path:
    output = Path(output) if output else default_archive_path()
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory() as workdir:
        data_path = Path(workdir) / DATA
        # One consistent snapshot of every table.
        with transaction.atomic():
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                output=str(data_path),
                indent=None,
                verbosity=0,
            )
            manifest = {
                "format": FORMAT,
                "created": datetime.now(UTC).isoformat(),
                "database": connection.vendor,
                "versions": {name: version(name) for name in ("django", "wagtail")},
                "counts": counts(),
            }
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(data_path, arcname=DATA)
            if media_root.is_dir():
                archive.add(media_root, arcname=MEDIA)
    partial.replace(output)
    return output


def _add_bytes(archive, name, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def read_archive(archive_path: Path, workdir: Path) -> dict:
    """Check and unpack ``archive_path`` into ``workdir``; returns the manifest."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"There is no backup file at {archive_path}.")
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            names = archive.getnames()
            if MANIFEST not in names or DATA not in names:
                raise BackupError(
                    f"{archive_path} is not a backup of this site (no {MANIFEST} or {DATA})."
                )
            for member in archive.getmembers():
                if member.name not in {MANIFEST, DATA} and not (
                    member.name == MEDIA or member.name.startswith(MEDIA + "/")
                ):
                    raise BackupError(f"{archive_path} contains an unexpected file: {member.name}")
            # The "data" filter refuses absolute paths, "..", links out of the folder.
            archive.extractall(workdir, filter="data")
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(
            f"{archive_path} is damaged or not a backup archive ({error})."
        ) from error
    try:
        manifest = json.loads((workdir / MANIFEST).read_text(encoding="utf-8"))
        data = json.loads((workdir / DATA).read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise BackupError(f"{archive_path} is damaged: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            f"{archive_path} has backup format {manifest.get('format')!r} "
            f"(this version reads format {FORMAT})."
        )
    if not isinstance(data, list):
        raise BackupError(f"{archive_path} is damaged: {DATA} is not a list of records.")
    return manifest


def empty_database() -> None:
    """Delete every row of every table (the schema stays), inside the current transaction."""
    if connection.vendor == "postgresql":
        # Deferred foreign-key checks still pending in this transaction forbid TRUNCATE:
        # run them now, and defer them again for the load that follows.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def _loading_fixtures():
    """Receivers that ignore ``raw`` (fixture loading) and would act on half-loaded data.

    wagtail-localize synchronises the page trees whenever a LocaleSynchronization is
    saved, even from a fixture, before the locales it points to are loaded; the trees
    in the backup are already synchronised.
    """
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    try:
        with privacy.paused():
            yield
    finally:
        post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)


def restore_backup(archive_path: Path, rebuild_search_index: bool = True) -> dict:
    """Replace the database contents and the media with the archive's. Returns counts."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest = read_archive(archive_path, workdir)
        # An empty database gets its tables first (nothing happens on a migrated one).
        call_command("migrate", interactive=False, verbosity=0)
        try:
            with transaction.atomic(), _loading_fixtures():
                empty_database()
                call_command("loaddata", str(workdir / DATA), verbosity=0)
                # Models added since the backup get their content types and permissions.
                for app_config in apps.get_app_configs():
                    create_contenttypes(app_config, verbosity=0)
                    create_permissions(app_config, verbosity=0)
                restored = counts()
                expected = manifest.get("counts", {})
                different = {
                    label: (expected[label], restored.get(label))
                    for label in expected
                    if label in restored and expected[label] != restored[label]
                }
                if different:
                    raise BackupError(f"the restored counts differ from the backup's: {different}")
        except BackupError as error:
            raise BackupError(f"Restore failed, nothing was changed: {error}") from error
        except Exception as error:  # whatever failed, the transaction was rolled back
            raise BackupError(
                f"Restore failed, nothing was changed: the data could not be loaded ({error})."
            ) from error
        finally:
            ContentType.objects.clear_cache()
        _replace_media(workdir / MEDIA)
    cache.clear()
    if rebuild_search_index:
        call_command("update_index", verbosity=0)
    return restored


def _replace_media(source: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    if not source.is_dir():
        source.mkdir()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    previous = media_root.with_name(media_root.name + ".before-restore")
    if previous.exists():
        shutil.rmtree(previous)
    if media_root.exists():
        media_root.rename(previous)
    try:
        shutil.move(str(source), str(media_root))
    except OSError:
        if previous.exists():
            previous.rename(media_root)
        raise
    if previous.exists():
        shutil.rmtree(previous)
