"""The site chrome kept between requests (hub/sitewide.py) shows an editor's change at once.

The site, the home page of each language, the main navigation and the view restrictions
are read once per content generation in each process. A change drops them at once in
the process that made it (before its transaction commits: these tests never commit),
and other processes read them again when the generation they read changes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from hub import cache as page_cache
from hub import sitewide
from hub.models import PageCacheGeneration
from tests.casestudies.builders import case_study_index
from tests.factories import (
    CaseStudyPageFactory,
    CountryFactory,
    OrganisationFactory,
    RegionFactory,
    SpaceTypeFactory,
    make_standard_page,
    translate_page,
)


@pytest.fixture(autouse=True)
def generation(db):
    """A content generation exists (it does once any content was published)."""
    page_cache.new_generation()


@pytest.fixture
def about(home):
    return make_standard_page(home, "About the network", show_in_menus=True, slug="about")


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.text


def queries_of(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_the_chrome_is_read_once_and_then_kept(about, client):
    first = queries_of(client, "/en/about/")
    kept = queries_of(client, "/en/about/")
    assert any("wagtailcore_site" in sql for sql in first)
    assert not any("wagtailcore_site" in sql for sql in kept)
    assert not any('"show_in_menus" = ' in sql for sql in kept)  # the main navigation
    assert len(kept) < len(first)


def test_a_new_page_in_the_menu_shows_at_once(home, about, client):
    assert ">About the network</a>" in page_html(client, "/en/")
    make_standard_page(home, "Projects", show_in_menus=True, slug="projects")
    html = page_html(client, "/en/about/")
    assert 'href="/en/projects/">Projects</a>' in html


def test_a_renamed_or_unpublished_menu_page_changes_at_once(about, client):
    page_html(client, "/en/")
    about.title = "Who we are"
    about.save_revision().publish()
    assert ">Who we are</a>" in page_html(client, "/en/")
    about.unpublish()
    assert 'href="/en/about/"' not in page_html(client, "/en/")


def test_each_language_has_its_own_navigation(about, locales, client):
    translate_page(about, locales["fr"], "À propos", slug="a-propos")
    assert ">About the network</a>" in page_html(client, "/en/")
    french = page_html(client, "/fr/")
    assert 'href="/fr/a-propos/">À propos</a>' in french
    assert ">About the network</a>" not in french


def test_another_process_change_shows_once_its_generation_is_read(about, client):
    """A change made by another process reaches this one through the generation only."""
    page_html(client, "/en/")
    # As another process would: the rows change, this process is not told.
    Page.objects.filter(pk=about.pk).update(title="Renamed elsewhere")
    assert ">About the network</a>" in page_html(client, "/en/")  # kept
    PageCacheGeneration.objects.filter(pk=1).update(token="another-processes-token")
    assert ">Renamed elsewhere</a>" in page_html(client, "/en/")


def test_a_view_restriction_applies_at_once(about, locales, client):
    translate_page(about, locales["fr"], "À propos", slug="a-propos")
    alternate = '<link rel="alternate" hreflang="fr" href="http://testserver/fr/a-propos/">'
    assert alternate in page_html(client, "/en/about/")
    french = Page.objects.get(translation_key=about.translation_key, locale=locales["fr"])
    PageViewRestriction.objects.create(
        page=french, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    # Served behind its password form, and no longer linked from the English page.
    assert "password" in page_html(client, "/fr/a-propos/")
    english = page_html(client, "/en/about/")
    assert alternate not in english
    assert 'href="/fr/a-propos/"' not in english  # the language switcher
    assert 'href="/fr/a-propos/"' not in page_html(client, "/en/")  # nor the French menu
    PageViewRestriction.objects.filter(page=french).delete()
    assert "<h1>À propos</h1>" in page_html(client, "/fr/a-propos/")


def test_a_restriction_on_an_ancestor_covers_the_page(home, about, client):
    child = make_standard_page(about, "Our members", slug="members")
    page_html(client, child.url)
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    html = page_html(client, child.url)
    assert "password" in html
    assert "<h1>Our members</h1>" not in html


def test_an_alias_without_its_sources_restriction_is_restricted_all_the_same(about, client):
    """Wagtail copies a restriction onto the aliases of its page; one without the copy
    (made before, or the copy deleted) is served with its source's restriction."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(about)
    assert "<h1>About the network</h1>" in page_html(client, "/fr/about/")
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    PageViewRestriction.objects.exclude(page=about).delete()
    html = page_html(client, "/fr/about/")
    assert "password" in html
    assert "<h1>About the network</h1>" not in html


def test_a_changed_site_root_is_followed_at_once(home, about, client):
    page_html(client, "/en/about/")
    site = Site.objects.get(is_default_site=True)
    site.root_page = about
    site.save()
    # The site now starts at the about page: its own URL is the site's root.
    assert client.get("/en/about/").status_code == 404
    assert "<h1>About the network</h1>" in page_html(client, "/en/")


def test_a_request_without_a_generation_keeps_nothing(about, client):
    PageCacheGeneration.objects.all().delete()
    page_html(client, "/en/about/")
    assert sitewide._store.values == {}
    assert not PageCacheGeneration.objects.exists()  # and writes none


def test_a_case_studys_terms_are_kept_and_a_renamed_one_shows_at_once(home, client):
    """A case study's country, region, space type and organisations come from the kept
    snippet rows (no join per page), and an edited snippet shows on the next view."""
    index = case_study_index(home)
    france = CountryFactory(code="FR", name="France")
    page = CaseStudyPageFactory(
        parent=index,
        country=france,
        region=RegionFactory(name="Provence", country=france),
        space_type=SpaceTypeFactory(name="Rural hub"),
        operator=OrganisationFactory(name="Village cooperative"),
    )
    html = page_html(client, page.url)
    assert "Forcalquier, Provence, France" in html
    assert "Village cooperative" in html
    kept = queries_of(client, page.url)
    assert not any('"hub_country"' in sql or '"hub_organisation"' in sql for sql in kept)

    france.name = "République française"
    france.save()
    page.operator.name = "Cooperative of the village"
    page.operator.save()
    html = page_html(client, page.url)
    assert "Forcalquier, Provence, République française" in html
    assert "Cooperative of the village" in html


def test_without_a_generation_a_case_study_joins_its_terms(home, client):
    page = CaseStudyPageFactory(parent=case_study_index(home))
    PageCacheGeneration.objects.all().delete()
    assert page.country.name in page_html(client, page.url)
    assert sitewide._store.values == {}


def test_only_the_values_used_last_are_kept_of_a_group(rf):
    """``kept_recent`` keeps at most ``limit`` values of a group: the least recently used
    one is computed again, and a new generation drops them all."""
    request = rf.get("/")
    computed = []

    def value(key):
        def compute():
            computed.append(key)
            return key.upper()

        return sitewide.kept_recent(request, "letters", key, compute, limit=2)

    assert [value("a"), value("b"), value("a")] == ["A", "B", "A"]
    assert computed == ["a", "b"]
    value("c")  # "b" was used least recently: dropped
    assert [value("a"), value("b")] == ["A", "B"]
    assert computed == ["a", "b", "c", "b"]
    page_cache.new_generation()
    value("b")
    assert computed == ["a", "b", "c", "b", "b"]


def test_each_languages_home_is_served_whole_and_an_edit_shows_at_once(home, locales, client):
    """Routing holds the homes with their base fields; the home page itself is served
    with all of its own (the introduction), in each language, and follows an edit."""
    home.introduction = "Practices of the network's spaces."
    home.save_revision().publish()
    french = translate_page(home, locales["fr"], "Accueil", introduction="Les pratiques.")
    english_html, french_html = page_html(client, "/en/"), page_html(client, "/fr/")
    assert "<h1>CoWorkMed Hub</h1>" in english_html
    assert "Practices of the network&#x27;s spaces." in english_html
    assert "<h1>Accueil</h1>" in french_html
    assert "Les pratiques." in french_html

    french.introduction = "Les pratiques des tiers-lieux."
    french.save_revision().publish()
    assert "Les pratiques des tiers-lieux." in page_html(client, "/fr/")
    french.unpublish()  # a home that is not live is not the language's home
    assert "<h1>CoWorkMed Hub</h1>" in page_html(client, "/fr/")


def test_a_profiles_organisations_are_kept_and_a_renamed_one_shows_at_once(home, client):
    from tests.factories import CountryIndexPageFactory, CountryProfilePageFactory

    france = CountryFactory(code="FR", name="France")
    profile = CountryProfilePageFactory(parent=CountryIndexPageFactory(parent=home), country=france)
    network = OrganisationFactory(name="Tiers-Lieux Network", country=france)
    OrganisationFactory(name="Rome Lab", country=CountryFactory(code="IT", name="Italy"))
    html = page_html(client, profile.url)
    assert "Tiers-Lieux Network" in html
    assert "Rome Lab" not in html
    kept = queries_of(client, profile.url)
    assert not any('"hub_organisation"' in sql for sql in kept)

    network.name = "Réseau des tiers-lieux"
    network.save()
    assert "Réseau des tiers-lieux" in page_html(client, profile.url)
