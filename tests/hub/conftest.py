import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """An empty MEDIA_ROOT for the test; returns its path."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
