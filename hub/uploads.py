"""Upload validation for Wagtail images and documents: by content, not by file name.

Wagtail already checks an image's size, pixel count and that its content matches its
extension (Willow). These forms, set as WAGTAILIMAGES_IMAGE_FORM_BASE and
WAGTAILDOCS_DOCUMENT_FORM_BASE, add what it does not: markup hidden in an image
(SVG, HTML polyglots), and for documents a content check per extension (a PDF starts
like a PDF, an office file is the right kind of ZIP without macros, a text file is
text and not a web page), archive bombs and executables. A refused file gives a form
error; nothing is stored.
"""

import io
import os
import zipfile

import filetype
from django import forms
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# How far into a file browsers look when they sniff content; markup there is refused.
SNIFF_BYTES = 2048
MARKUP_SIGNATURES = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<style",
    b"javascript:",
)

# ZIP archives (office files, .zip): limits against archive ("zip") bombs.
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_UNCOMPRESSED = 500 * 1024 * 1024
ZIP_MAX_RATIO = 200

OOXML_MAIN_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
EXECUTABLE_MIMES = {
    "application/x-executable",
    "application/x-msdownload",
    "application/x-mach-binary",
    "application/x-elf",
    "application/x-sharedlib",
    "application/vnd.microsoft.portable-executable",
    "application/x-shockwave-flash",
    "application/java-archive",
}


def _read_head(uploaded, size: int = SNIFF_BYTES) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def contains_markup(data: bytes) -> bool:
    """True when ``data`` holds markup a browser could render as a page or run."""
    lowered = data.lower().replace(b"\x00", b"")
    return any(signature in lowered for signature in MARKUP_SIGNATURES)


def _extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def check_image(uploaded) -> None:
    """Refuse an image whose first bytes carry markup (SVG, HTML polyglots)."""
    if contains_markup(_read_head(uploaded)):
        raise forms.ValidationError(
            _("This file contains web page or SVG code and cannot be uploaded as an image."),
            code="image_with_markup",
        )


def check_zip(uploaded, extension: str) -> None:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise forms.ValidationError(
            _("This .%(extension)s file is damaged or is not what its name says."),
            code="bad_archive",
            params={"extension": extension},
        ) from error
    total = sum(member.file_size for member in members)
    if (
        len(members) > ZIP_MAX_MEMBERS
        or total > ZIP_MAX_UNCOMPRESSED
        or (len(data) and total / len(data) > ZIP_MAX_RATIO)
    ):
        raise forms.ValidationError(
            _("This archive expands to far more than its size (an archive bomb) and is refused."),
            code="archive_bomb",
        )
    names = {member.filename for member in members}
    if any(name.startswith("/") or ".." in name.split("/") for name in names):
        raise forms.ValidationError(
            _("This archive contains unsafe file paths and is refused."), code="archive_paths"
        )
    if extension in OOXML_MAIN_PART:
        main = OOXML_MAIN_PART[extension]
        if "[Content_Types].xml" not in names or not any(n.startswith(main) for n in names):
            raise forms.ValidationError(
                _("This file is not a real .%(extension)s document."),
                code="wrong_content",
                params={"extension": extension},
            )
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise forms.ValidationError(
                _("Documents with macros cannot be uploaded. Save it without macros first."),
                code="macros",
            )
    if extension in ODF_MIMETYPES:
        try:
            mimetype = archive.read("mimetype").strip()
        except KeyError:
            mimetype = b""
        if mimetype != ODF_MIMETYPES[extension]:
            raise forms.ValidationError(
                _("This file is not a real .%(extension)s document."),
                code="wrong_content",
                params={"extension": extension},
            )


def check_text(uploaded, extension: str) -> None:
    head = _read_head(uploaded, 64 * 1024)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        if error.start < len(head) - 4:
            raise forms.ValidationError(
                _("A .%(extension)s file must be plain text encoded in UTF-8."),
                code="not_text",
                params={"extension": extension},
            ) from error
    if b"\x00" in head:
        raise forms.ValidationError(
            _("A .%(extension)s file must be plain text encoded in UTF-8."),
            code="not_text",
            params={"extension": extension},
        )
    if contains_markup(head[:SNIFF_BYTES]):
        raise forms.ValidationError(
            _("This file contains web page code and cannot be uploaded as a text file."),
            code="text_with_markup",
        )


def check_document(uploaded) -> None:
    """Check a document's content against its extension."""
    extension = _extension(uploaded.name)
    head = _read_head(uploaded)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in EXECUTABLE_MIMES:
        raise forms.ValidationError(_("Programs cannot be uploaded."), code="executable")
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This file is not a real PDF."), code="wrong_content")
    elif extension in {"zip", *OOXML_MAIN_PART, *ODF_MIMETYPES}:
        check_zip(uploaded, extension)
    elif extension in {"csv", "txt"}:
        check_text(uploaded, extension)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, but a file the image library chokes on is a form error.

    Wagtail 8 lets some malformed files (a PNG cut short, a forged header) raise from
    the image library while it measures them: a 500 instead of a message.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except forms.ValidationError:
            raise
        except Exception as error:  # any failure to read it means "not an image"
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and type(field) is WagtailImageField:
            # Wagtail builds the field itself (formfield_for_dbfield); swap in the guard.
            field.__class__ = SafeImageField

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data and hasattr(uploaded, "read"):
            check_image(uploaded)
        return uploaded


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data and hasattr(uploaded, "read"):
            check_document(uploaded)
        return uploaded
