import pytest

from tests.factories import ToolkitIndexPageFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded documents go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def toolkit(home):
    """The English toolkit index under the English home page."""
    return ToolkitIndexPageFactory(parent=home)
