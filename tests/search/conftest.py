"""Search fixtures: the same tests on the database backend and on an in-memory OpenSearch.

``search_engine`` is parametrised: "database" is Wagtail's database backend on the test
database (SQLite FTS5 under ``make test``, PostgreSQL full text with ``DATABASE_URL``),
"opensearch" is osmem-server, an OpenSearch-compatible server started once per test
session on 127.0.0.1 by its pytest plugin, with a fresh clone per test.
Set ``SEARCH_TEST_URL=elasticsearch://host:9200`` (or ``opensearch://``) to run the
"opensearch" cases against a real cluster instead (see docs/search.md).
"""

import os
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from hub.settings.base import search_backends


@dataclass
class SearchEngine:
    name: str

    def refresh(self):
        """Make what was just indexed visible to searches (a no-op for the database)."""
        get_search_backend().refresh_indexes()

    def reindex(self):
        call_command("update_index", verbosity=0)


@pytest.fixture(params=["database", "opensearch"])
def search_engine(request, settings, db):
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = search_backends("")
    else:
        url = os.environ.get("SEARCH_TEST_URL", "")
        if not url:
            clone = request.getfixturevalue("osmem_clone")
            url = clone.url.replace("http://", "opensearch://", 1)
        settings.WAGTAILSEARCH_BACKENDS = search_backends(url)
    engine = SearchEngine(request.param)
    # Create the indexes with their mappings and index what the fixtures made so far.
    engine.reindex()
    return engine


@pytest.fixture
def closed_port():
    """A TCP port on 127.0.0.1 that nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
