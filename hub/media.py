"""The storage of uploaded files: Django's file-system storage, with a faster ``url``.

A finder page shows 72 image renditions (12 cards, 3 formats, 2 widths), each asking its
URL. Django's ``FileSystemStorage.url`` joins the file's name to MEDIA_URL with
``urllib.parse.urljoin``: 6.6 of its 9.4 µs. For a name without empty or dot segments,
which is every name Wagtail and Django write, joining is appending; any other name goes
through Django's own ``url``. A test compares both on names of every kind.
"""

from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri


class MediaStorage(FileSystemStorage):
    def url(self, name):
        base = self.base_url
        uri = filepath_to_uri(name) if name is not None else None
        if base is None or uri is None:
            return super().url(name)
        uri = uri.lstrip("/")
        if "//" in uri or "/." in f"/{uri}":  # a segment urljoin would change
            return super().url(name)
        return base + uri
