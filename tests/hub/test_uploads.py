"""Every bad file gives a form error, never a 500, and nothing is stored."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from .conftest import stored_files


def png_bytes(size=(4, 3), colour=(200, 80, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), (0, 0, 0)).save(buffer, "JPEG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_dimensions(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00"))
        + _chunk(b"IEND", b"")
    )


def huge_png() -> bytes:
    """A real, small file of 64 million pixels (the limit is 40 million)."""
    buffer = io.BytesIO()
    PILImage.new("1", (8_000, 8_000)).save(buffer, "PNG")
    return buffer.getvalue()


def png_with_html() -> bytes:
    """A valid PNG carrying a web page in a text chunk right after its header."""
    data = png_bytes()
    text = _chunk(b"tEXt", b"Comment\x00<html><script>alert(document.cookie)</script></html>")
    return data[:33] + text + data[33:]


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
            "word/document.xml": b"<?xml version='1.0'?><w:document/>",
            **(extra or {}),
        }
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200

BAD_IMAGES = {
    "html named .png": ("photo.png", HTML),
    "svg with script": ("logo.svg", SVG),
    "svg named .png": ("logo.png", SVG),
    "jpeg named .png": ("photo.png", jpeg_bytes()),
    "png with html inside": ("photo.png", png_with_html()),
    "decompression bomb": ("bomb.png", png_with_dimensions(30_000, 30_000)),
    "too many pixels": ("huge.png", huge_png()),
    "forged png header": ("forged.png", png_with_dimensions(8_000, 8_000)),
    "truncated png": ("broken.png", png_bytes()[:40]),
    "empty file": ("empty.png", b""),
    "program named .gif": ("cat.gif", EXE),
}

BAD_DOCUMENTS = {
    "html named .pdf": ("report.pdf", HTML),
    "html named .txt": ("notes.txt", HTML),
    "svg named .csv": ("data.csv", SVG),
    "html page": ("page.html", HTML),
    "svg": ("drawing.svg", SVG),
    "program named .pdf": ("report.pdf", EXE),
    "program named .zip": ("tools.zip", EXE),
    "linux program named .txt": ("notes.txt", ELF),
    "binary named .csv": ("data.csv", b"\xff\xfe\x00\x00" + bytes(range(256))),
    "zip bomb": ("data.zip", zip_bytes({"zeros.bin": b"\x00" * (40 * 1024 * 1024)})),
    "zip with unsafe paths": ("data.zip", zip_bytes({"../../etc/cron.d/x": b"x"})),
    "plain zip named .docx": ("letter.docx", zip_bytes({"readme.txt": b"hello"})),
    "docx with macros": ("letter.docx", docx_bytes({"word/vbaProject.bin": b"macro"})),
    "xlsx that is a docx": ("sheet.xlsx", docx_bytes()),
    "odt with the wrong type": (
        "text.odt",
        zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    ),
    "corrupt docx": ("letter.docx", b"PK\x03\x04broken"),
    "empty file": ("empty.pdf", b""),
}


# What the editor reads for some of them (the others get Wagtail's own messages).
EXPECTED_MESSAGES = {
    "png with html inside": "web page or SVG code",
    "too many pixels": "too many pixels",
    "decompression bomb": "too many pixels",
    "forged png header": "Upload a valid image",
    "zip bomb": "archive bomb",
    "docx with macros": "macros",
    "html named .txt": "web page code",
    "program named .pdf": "Programs cannot be uploaded",
    "plain zip named .docx": "not a real .docx",
}


@pytest.fixture
def uploader(home, media_root, editor_client):
    return editor_client


def _root_collection():
    return Collection.get_first_root_node().pk


def _upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "An image",
            "collection": _root_collection(),
            "file": SimpleUploadedFile(name, content),
        },
    )


def _upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "A document",
            "collection": _root_collection(),
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize("case", list(BAD_IMAGES))
def test_bad_image_is_refused_with_a_form_error(case, uploader, media_root):
    name, content = BAD_IMAGES[case]
    response = _upload_image(uploader, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert EXPECTED_MESSAGES.get(case, "") in errors
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize("case", ["html named .png", "png with html inside", "decompression bomb"])
def test_bad_image_is_refused_by_the_multiple_uploader(case, uploader, media_root):
    name, content = BAD_IMAGES[case]
    response = uploader.post(
        "/admin/images/multiple/add/",
        {"collection": _root_collection(), "files[]": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_image_over_the_size_limit_is_refused(uploader, media_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = _upload_image(uploader, "photo.png", png_bytes((64, 64)))
    assert "too big" in str(response.context["form"].errors["file"])
    assert Image.objects.count() == 0


def test_a_real_image_is_accepted(uploader, media_root):
    response = _upload_image(uploader, "photo.png", png_bytes())
    assert response.status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_bad_document_is_refused_with_a_form_error(case, uploader, media_root):
    name, content = BAD_DOCUMENTS[case]
    response = _upload_document(uploader, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert EXPECTED_MESSAGES.get(case, "") in errors
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize("case", ["html named .pdf", "zip bomb", "docx with macros"])
def test_bad_document_is_refused_by_the_multiple_uploader(case, uploader, media_root):
    name, content = BAD_DOCUMENTS[case]
    response = uploader.post(
        "/admin/documents/multiple/add/",
        {"collection": _root_collection(), "files[]": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert Document.objects.count() == 0
    assert stored_files(media_root) == []


def test_document_over_the_size_limit_is_refused(uploader, media_root, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    response = _upload_document(uploader, "report.pdf", b"%PDF-1.7\n" + b"0" * 100)
    assert response.context["form"].errors["file"]
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
        ("letter.docx", docx_bytes()),
        ("survey.csv", "name,city\nHub Šibenik,Ελλάδα\n".encode()),
        ("notes.txt", b"Plain notes with a <b> and a < sign.\n"),
        ("pack.zip", zip_bytes({"charter.txt": b"charter"})),
        (
            "text.odt",
            zip_bytes(
                {"mimetype": b"application/vnd.oasis.opendocument.text"},
                compression=zipfile.ZIP_STORED,
            ),
        ),
    ],
)
def test_real_documents_are_accepted(name, content, uploader, media_root):
    response = _upload_document(uploader, name, content)
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.count() == 1


def test_replacing_a_document_with_a_bad_file_keeps_the_old_one(uploader, media_root):
    _upload_document(uploader, "report.pdf", b"%PDF-1.7\n%%EOF\n")
    document = Document.objects.get()
    before = stored_files(media_root)
    response = uploader.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "A document",
            "collection": _root_collection(),
            "file": SimpleUploadedFile("report.pdf", HTML),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    document.refresh_from_db()
    assert document.file.read().startswith(b"%PDF")
    assert stored_files(media_root) == before
