"""make backup / make restore: everything comes back, bad archives change nothing."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from wagtail.documents.models import Document
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.synctree import create_aliases_for_new_page

from hub.backup import counts, empty_database
from tests.factories import StandardPageFactory, translate_page

from .conftest import stored_files


@pytest.fixture
def site_content(home, locales, media_root):
    page = StandardPageFactory(parent=home, title="About us", slug="about", introduction="One.")
    create_aliases_for_new_page(page)
    page.introduction = "Two."
    page.save_revision().publish()
    translate_page(page, locales["fr"], "À propos", introduction="Deux.")
    # A string translated in wagtail-localize's editor (its own tables).
    segment = StringSegment.objects.filter(source__object_id=page.translation_key).first()
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locales["fr"], context=segment.context, data="Deux."
    )
    private = StandardPageFactory(parent=home, title="Board", slug="board")
    create_aliases_for_new_page(private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    Document.objects.create(title="Charter", file=ContentFile(b"%PDF-1.4\n", name="charter.pdf"))
    return page


def _state():
    pages = list(
        Page.objects.order_by("path").values_list(
            "pk",
            "path",
            "depth",
            "numchild",
            "url_path",
            "translation_key",
            "locale_id",
            "alias_of_id",
            "live",
            "content_type_id",
            "title",
        )
    )
    revisions = list(
        Revision.objects.order_by("pk").values_list("pk", "object_id", "content_type_id", "content")
    )
    restrictions = sorted(PageViewRestriction.objects.values_list("page_id", "restriction_type"))
    return pages, revisions, restrictions


def _empty_database():
    empty_database()
    assert Page.objects.count() == 0


def test_backup_then_restore_into_an_empty_database(site_content, tmp_path, media_root, client):
    before_counts, before_state = counts(), _state()
    before_files = stored_files(media_root)
    assert before_counts["translations"] >= 1
    assert before_counts["translated strings"] >= 1
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=archive, stdout=io.StringIO())

    _empty_database()
    for path in media_root.iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    assert Page.objects.count() == 0

    out = io.StringIO()
    call_command("restore_site", str(archive), no_input=True, skip_search_index=True, stdout=out)
    assert "Restored" in out.getvalue()
    assert counts() == before_counts
    assert _state() == before_state
    assert stored_files(media_root) == before_files
    assert client.get("/fr/about/").status_code == 200
    assert "Deux." in client.get("/fr/about/").text
    assert "Two." in client.get("/hr/about/").text
    assert client.get("/el/board/").status_code == 302  # still private, in every tree
    document = Document.objects.get()
    assert client.get(document.url).status_code == 200


def test_the_page_tree_is_sound_after_a_restore(site_content, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=archive, stdout=io.StringIO())
    _empty_database()
    call_command(
        "restore_site", str(archive), no_input=True, skip_search_index=True, stdout=io.StringIO()
    )
    problems = Page.find_problems()
    assert all(not problem for problem in problems), problems
    assert (
        Page.objects.get(slug="about", locale__language_code="en").get_translations().count() == 5
    )


@pytest.fixture
def backup(site_content, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=archive, stdout=io.StringIO())
    return archive


def _archive(tmp_path, files: dict[str, bytes]):
    path = tmp_path / "crafted.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _unchanged(action, media_root):
    state, files = _state(), stored_files(media_root)
    with pytest.raises(CommandError) as error:
        action()
    assert _state() == state
    assert stored_files(media_root) == files
    return str(error.value)


def _restore(path):
    return lambda: call_command(
        "restore_site", str(path), no_input=True, skip_search_index=True, stdout=io.StringIO()
    )


def test_a_missing_archive_is_a_clear_error(site_content, tmp_path, media_root):
    message = _unchanged(_restore(tmp_path / "nope.tar.gz"), media_root)
    assert "There is no backup file" in message


def test_a_corrupt_archive_changes_nothing(backup, tmp_path, media_root):
    corrupt = tmp_path / "corrupt.tar.gz"
    corrupt.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    message = _unchanged(_restore(corrupt), media_root)
    assert "damaged" in message


def test_a_file_that_is_no_archive_changes_nothing(site_content, tmp_path, media_root):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive at all")
    assert "not a backup archive" in _unchanged(_restore(junk), media_root)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"data.json": b"[]"}, "is not a backup of this site"),
        ({"manifest.json": b"{", "data.json": b"[]"}, "damaged"),
        ({"manifest.json": b'{"format": 99}', "data.json": b"[]"}, "backup format 99"),
        ({"manifest.json": b'{"format": 1}', "data.json": b"{}"}, "not a list"),
        ({"manifest.json": b'{"format": 1}', "data.json": b"[]", "../evil": b"x"}, "unexpected"),
        (
            {"manifest.json": b'{"format": 1}', "data.json": b"[]", "media/../../evil": b"x"},
            "damaged",
        ),
    ],
)
def test_a_malformed_archive_changes_nothing(site_content, tmp_path, media_root, files, expected):
    assert expected in _unchanged(_restore(_archive(tmp_path, files)), media_root)


def test_data_that_cannot_be_loaded_changes_nothing(site_content, tmp_path, media_root):
    records = [{"model": "wagtailcore.page", "pk": 999, "fields": {"no_such_field": 1}}]
    path = _archive(
        tmp_path,
        {
            "manifest.json": json.dumps({"format": 1}).encode(),
            "data.json": json.dumps(records).encode(),
        },
    )
    message = _unchanged(_restore(path), media_root)
    assert "nothing was changed" in message


def test_restore_asks_before_replacing_everything(backup, media_root, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    message = _unchanged(
        lambda: call_command("restore_site", str(backup), stdout=io.StringIO()), media_root
    )
    assert "cancelled" in message


def test_backup_refuses_a_folder_as_output(site_content, tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        call_command("backup_site", output=tmp_path, stdout=io.StringIO())
