"""Search analytics: buffered in the cache, written in batches, reported per language."""

import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import analytics
from search.models import SearchQueryStat

from ..factories import make_standard_page


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_searches_are_buffered_then_written_in_one_batch(db):
    now = 1_800_000_000.0
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            analytics.record_search("espace rural", "fr", 4, now=now)
        analytics.record_search("xylophone", "fr", 0, now=now + 1)
        analytics.record_search("xylophone", "el", 0, now=now + 2)
    assert len(queries) == 0  # the cache only
    assert SearchQueryStat.objects.count() == 0

    assert analytics.flush(now=now + 30) == 0  # the slot is not over yet
    with CaptureQueriesContext(connection) as queries:
        assert analytics.flush(now=now + 180) == 5
    assert len(queries) <= 6  # a batch, whatever the number of searches

    stats = {(s.language, s.query): s for s in SearchQueryStat.objects.all()}
    assert stats[("fr", "espace rural")].searches == 3
    assert stats[("fr", "espace rural")].zero_result_searches == 0
    assert stats[("fr", "xylophone")].zero_result_searches == 1
    assert stats[("el", "xylophone")].searches == 1
    assert analytics.flush(now=now + 240) == 0  # nothing is counted twice

    analytics.record_search("espace rural", "fr", 0, now=now + 300)
    analytics.flush(now=now + 500)
    stat = SearchQueryStat.objects.get(language="fr", query="espace rural")
    assert (stat.searches, stat.zero_result_searches, stat.last_result_count) == (4, 1, 0)


def test_the_search_page_records_fresh_searches_only(home, client):
    make_standard_page(home, "Rural village office", "A shared office.")
    client.get("/en/search/", {"q": "Village  OFFICE"})
    client.get("/en/search/", {"q": "village office", "page": "2"})  # paging
    client.get("/en/search/", {"q": "village office", "type": "home.standardpage"})  # refining
    client.get("/en/search/", {"q": "xylophone"})
    client.get("/en/search/", {"q": "the"})  # no words: not a search
    client.get("/en/search/")
    analytics.flush(now=time.time() + 180)
    stats = {(s.language, s.query): s for s in SearchQueryStat.objects.all()}
    assert set(stats) == {("en", "village office"), ("en", "xylophone")}
    assert stats[("en", "village office")].searches == 1
    assert stats[("en", "xylophone")].zero_result_searches == 1


def test_a_broken_cache_never_breaks_a_search(home, client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", broken)
    assert client.get("/en/search/", {"q": "village"}).status_code == 200


def test_flush_command(db):
    analytics.record_search("fab lab", "it", 2, now=time.time() - 600)
    call_command("flush_search_analytics", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchQueryStat.objects.get(query="fab lab").searches == 1


def test_admin_report_per_language(db, editor_client, django_user_model, client):
    today = analytics.timezone.localdate()
    SearchQueryStat.objects.create(date=today, language="fr", query="tiers-lieu", searches=9)
    SearchQueryStat.objects.create(
        date=today, language="fr", query="xylophone", searches=2, zero_result_searches=2
    )
    SearchQueryStat.objects.create(date=today, language="el", query="χώρος", searches=5)
    response = editor_client.get("/admin/reports/search-terms/")
    assert response.status_code == 200
    html = response.text
    assert html.index("tiers-lieu") < html.index("χώρος") < html.index("xylophone")

    french = editor_client.get("/admin/reports/search-terms/", {"language": "fr"}).text
    assert "tiers-lieu" in french and "χώρος" not in french
    zero = editor_client.get(
        "/admin/reports/search-terms/", {"language": "fr", "without_results": "true"}
    ).text
    assert "xylophone" in zero and "tiers-lieu" not in zero
    csv = editor_client.get("/admin/reports/search-terms/", {"export": "csv"})
    assert "tiers-lieu" in b"".join(csv.streaming_content).decode()

    menu = editor_client.get("/admin/").text
    assert "/admin/reports/search-terms/" in menu

    nobody = django_user_model.objects.create_user("guest", password="a-long-password-1")
    client.force_login(nobody)
    assert client.get("/admin/reports/search-terms/").status_code in {302, 403}
