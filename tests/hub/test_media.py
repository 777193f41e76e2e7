"""The media storage's ``url`` gives what Django's file-system storage gives."""

import pytest
from django.core.files.storage import FileSystemStorage, storages

from hub.media import MediaStorage

NAMES = [
    "images/bench-20.2e16d0ba.format-webp.fill-400x225.webp",
    "original_images/Café au lait.jpg",
    "documents/rapport (final) 100%.pdf",
    "images/a?b#c:d.png",
    "/images/leading-slash.png",
    "images//double.png",
    "images/./dot.png",
    "images/../up.png",
    "..",
    ".hidden",
    "images/.hidden/x.png",
    "images/x/.",
    "Ελληνικά/šđčćž.png",
    "",
]


@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example.org/media/", ""])
@pytest.mark.parametrize("name", NAMES)
def test_urls_are_djangos(base_url, name, tmp_path):
    ours = MediaStorage(location=tmp_path, base_url=base_url)
    django = FileSystemStorage(location=tmp_path, base_url=base_url)
    assert ours.url(name) == django.url(name)


def test_the_site_stores_its_media_with_it():
    assert isinstance(storages["default"], MediaStorage)
