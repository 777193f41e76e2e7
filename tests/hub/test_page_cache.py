"""Anonymous visitors' pages come from the cache, and an editor's change shows at once.

Publishing in the admin runs in a transaction; the cache forgets its pages when that
commits. The test database never commits, so each change runs inside ``committed()``,
which runs the on-commit callbacks as a real commit would.
"""

import re
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from hub import cache as page_cache
from tests.casestudies.builders import case_study_index
from tests.factories import (
    CaseStudyPageFactory,
    CountryFactory,
    ThemeFactory,
    make_standard_page,
    translate_page,
)
from tests.test_settings import _manage

SECRET_KEY = "c" * 10 + "an-unguessable-but-test-only-value-0123456789abcdef"


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def about(home):
    return make_standard_page(home, "About the network", show_in_menus=True, slug="about")


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_visit_is_a_hit_with_the_same_page(about, visitor):
    first = visitor.get("/en/about/")
    second = visitor.get("/en/about/")
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "en"
    assert second["X-Content-Type-Options"] == "nosniff"
    head = visitor.head("/en/about/")
    assert head["X-Cache"] == "HIT"
    assert head.content == b""


def test_each_language_is_cached_apart(about, visitor):
    visit(visitor, "/en/")
    french = visit(visitor, "/fr/")
    assert french["X-Cache"] == "MISS"
    assert '<html lang="fr"' in visit(visitor, "/fr/").text


def test_logged_in_users_never_get_nor_fill_the_cache(about, editor_client, visitor):
    visit(visitor, "/en/about/")  # cached for visitors
    for _ in range(2):
        response = visit(editor_client, "/en/about/")
        assert "X-Cache" not in response
    assert "X-Cache" not in visit(editor_client, "/en/")
    # The editor's own page (with the userbar) never reached the cache.
    anonymous = visit(Client(), "/en/")
    assert anonymous["X-Cache"] == "MISS"
    assert "wagtail-userbar" not in anonymous.text


def test_publishing_shows_the_new_title_on_the_page_and_in_every_menu(about, visitor, committed):
    visit(visitor, "/en/about/")
    visit(visitor, "/en/")
    assert visit(visitor, "/en/")["X-Cache"] == "HIT"
    with committed():
        about.title = "Who we are"
        about.save_revision().publish()
    page = visit(visitor, "/en/about/")
    assert page["X-Cache"] == "MISS"
    assert "<h1>Who we are</h1>" in page.text
    assert "Who we are</a>" in visit(visitor, "/en/").text


def test_publishing_in_the_admin_shows_at_once(about, visitor, editor_client, committed):
    visit(visitor, "/en/about/")
    with committed():
        response = editor_client.post(
            reverse("wagtailadmin_pages:edit", args=[about.pk]),
            nested_form_data(
                {
                    "title": "The network in short",
                    "slug": "about",
                    "introduction": "Edited in the admin.",
                    "body": streamfield([]),
                    "action-publish": "publish",
                }
            ),
        )
    assert response.status_code == 302
    assert "The network in short" in visit(visitor, "/en/about/").text


def test_a_translation_published_changes_the_language_switcher(about, locales, visitor, committed):
    with committed():
        french = translate_page(about, locales["fr"], "À propos")
    assert 'href="/fr/about/" lang="fr"' in visit(visitor, "/en/about/").text
    assert visit(visitor, "/en/about/")["X-Cache"] == "HIT"
    with committed():
        french.slug = "a-propos"
        french.save_revision().publish()
    english = visit(visitor, "/en/about/").text
    assert 'href="/fr/a-propos/" lang="fr"' in english
    assert "À propos" in visit(visitor, "/fr/a-propos/").text


def test_unpublishing_removes_the_page_and_its_menu_entry(about, visitor, committed):
    visit(visitor, "/en/about/")
    assert 'href="/en/about/"' in visit(visitor, "/en/").text
    with committed():
        about.unpublish()
    assert visitor.get("/en/about/").status_code == 404
    assert 'href="/en/about/"' not in visit(visitor, "/en/").text


def test_moving_a_page_changes_its_address_at_once(home, about, visitor, committed):
    other = make_standard_page(home, "Projects", show_in_menus=True, slug="projects")
    visit(visitor, "/en/about/")
    visit(visitor, "/en/")
    with committed():
        Page.objects.get(pk=about.pk).move(other, pos="last-child")
    old_address = visitor.get("/en/about/")  # Wagtail leaves a redirect behind
    assert old_address.status_code == 301
    assert old_address["Location"] == "/en/projects/about/"
    assert "About the network" in visit(visitor, "/en/projects/about/").text
    assert 'href="/en/about/"' not in visit(visitor, "/en/").text


def test_deleting_a_page_removes_it_at_once(about, visitor, committed):
    visit(visitor, "/en/about/")
    visit(visitor, "/en/")
    with committed():
        Page.objects.get(pk=about.pk).delete()
    assert visitor.get("/en/about/").status_code == 404
    assert "About the network" not in visit(visitor, "/en/").text


def test_a_renamed_theme_shows_on_the_case_study_and_the_finder(home, visitor, committed):
    theme = ThemeFactory(slug="rural-development", name="Rural development")
    case = CaseStudyPageFactory(parent=case_study_index(home), themes=[theme])
    for url in (case.url, "/en/case-studies/"):
        assert "Rural development" in visit(visitor, url).text
        assert visit(visitor, url)["X-Cache"] == "HIT"
    with committed():
        theme.name = "Rural life"
        theme.save()
    for url in (case.url, "/en/case-studies/"):
        html = visit(visitor, url).text
        assert "Rural life" in html
        assert "Rural development" not in html


def test_the_query_string_is_part_of_the_key(home, visitor):
    index = case_study_index(home)
    CaseStudyPageFactory(parent=index, title="Olive mill", country=CountryFactory(code="HR"))
    CaseStudyPageFactory(parent=index, title="Old school", country=CountryFactory(code="FR"))
    croatian = visit(visitor, "/en/case-studies/?country=HR")
    french = visit(visitor, "/en/case-studies/?country=FR")
    assert french["X-Cache"] == "MISS"
    assert "Olive mill" in croatian.text and "Old school" not in croatian.text
    assert "Old school" in french.text and "Olive mill" not in french.text
    again = visit(visitor, "/en/case-studies/?country=HR")
    assert again["X-Cache"] == "HIT"
    assert again.content == croatian.content


def test_responses_other_than_200_are_not_cached(home, visitor):
    for _ in range(2):
        response = visitor.get("/en/no-such-page/")
        assert response.status_code == 404
        assert response.get("X-Cache") != "HIT"
    assert visitor.get("/").status_code == 302
    assert visitor.get("/", headers={"accept-language": "fr"})["Location"] == "/fr/"


def test_a_response_that_sets_a_cookie_is_not_cached(about, visitor):
    def set_cookie(serve):
        def serve_with_cookie(page, request, *args, **kwargs):
            response = serve(page, request, *args, **kwargs)
            response.set_cookie("visited", "yes")
            return response

        return serve_with_cookie

    with hooks.register_temporarily("on_serve_page", set_cookie):
        first = visit(visitor, "/en/about/")
        assert first.cookies["visited"].value == "yes"
        assert visit(Client(), "/en/about/")["X-Cache"] == "MISS"


def test_private_pages_are_never_cached(about, visitor):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    form = visit(visitor, "/en/about/")
    assert "password" in form.text
    assert visit(Client(), "/en/about/")["X-Cache"] == "MISS"
    restriction = PageViewRestriction.objects.get(page=about)
    response = visitor.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk]),
        {"password": "s3cret", "return_url": "/en/about/"},
    )
    assert response.status_code == 302
    private = visit(visitor, "/en/about/")
    assert "<h1>About the network</h1>" in private.text
    assert "X-Cache" not in private  # this visitor has a session now
    stranger = visit(Client(), "/en/about/")
    assert "<h1>About the network</h1>" not in stranger.text


def test_a_page_for_members_only_is_never_cached(about, editor_client, visitor):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert "<h1>About the network</h1>" in visit(editor_client, "/en/about/").text
    for _ in range(2):
        assert visitor.get("/en/about/").status_code == 302


def test_search_admin_api_and_feeds_are_not_cached(home, visitor):
    for _ in range(2):
        assert visit(visitor, "/en/search/?q=coworking").get("X-Cache") != "HIT"
        assert visit(visitor, "/en/feeds/rss.xml").get("X-Cache") != "HIT"
        for url in ("/admin/login/", "/api/v2/pages/", "/sitemap.xml", "/robots.txt"):
            assert "X-Cache" not in visit(visitor, url), url


NONCE_PAGE = """{% extends "base.html" %}
{% block content %}<h1>{{ page.title }}</h1>
<script nonce="{{ csp_nonce }}">document.documentElement.dataset.ready = "1";</script>
{% endblock %}
"""


def test_a_cached_page_carries_a_fresh_nonce_in_its_html_and_its_policy(
    about, visitor, settings, tmp_path
):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "standard_page.html").write_text(NONCE_PAGE)
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates

    def nonces(response):
        html = re.search(r'<script nonce="([^"]+)">', response.text).group(1)
        header = re.search(r"script-src [^;]*'nonce-([^']+)'", response["Content-Security-Policy"])
        return html, header.group(1)

    first = visit(visitor, "/en/about/")
    second = visit(visitor, "/en/about/")
    assert second["X-Cache"] == "HIT"
    html, header = nonces(second)
    assert html == header
    assert html != nonces(first)[0]  # each response its own nonce
    assert second.content.replace(html.encode(), b"") == first.content.replace(
        nonces(first)[0].encode(), b""
    )
    assert second["Content-Length"] == str(len(second.content))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: ThemeFactory(name="Circular economy"), id="snippet"),
        pytest.param(
            lambda: get_image_model().objects.create(title="Mill", file=get_test_image_file()),
            id="image",
        ),
        pytest.param(
            lambda: get_document_model().objects.create(title="Statutes", file="statutes.pdf"),
            id="document",
        ),
        pytest.param(lambda: CountryFactory(code="MT").delete(), id="snippet-deleted"),
    ],
)
def test_every_visible_change_forgets_the_cached_pages(home, change, committed, media_root):
    before = page_cache.current_generation()
    with committed():
        change()
    assert page_cache.current_generation() != before


def test_what_visitors_never_see_keeps_the_cache(home, django_user_model, committed, media_root):
    image = get_image_model().objects.create(title="Mill", file=get_test_image_file())
    with committed():
        pass
    before = page_cache.current_generation()
    with committed():
        django_user_model.objects.create_user("someone", "someone@example.org", "pw")
        image.get_rendition("fill-40x40")
        image.file_size = None
        image.get_file_size()  # saved with update_fields=["file_size"]
    assert page_cache.current_generation() == before


@pytest.mark.parametrize("shared_cache", [True, False], ids=["shared cache", "memory cache"])
def test_a_lost_generation_never_brings_old_pages_back(about, visitor, shared_cache):
    from django.core.cache import cache

    from hub.models import PageCacheGeneration

    with mock.patch.object(page_cache, "_process_local", return_value=not shared_cache):
        visit(visitor, "/en/about/")
        assert visit(visitor, "/en/about/")["X-Cache"] == "HIT"
        if shared_cache:
            cache.delete(page_cache.GENERATION_KEY)
        else:
            PageCacheGeneration.objects.all().delete()
        assert visit(visitor, "/en/about/")["X-Cache"] == "MISS"


def test_the_cache_is_off_unless_configured(about, visitor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Cache" not in visit(visitor, "/en/about/")


@pytest.fixture
def frontend_cache(settings):
    """What FRONTEND_CACHE_URL gives: Wagtail's HTTP purger and its signal handlers."""
    from django.apps import apps
    from wagtail.contrib.frontend_cache import signal_handlers
    from wagtail.signals import page_published, page_unpublished

    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://varnish.internal:6081",
        }
    }
    signal_handlers.register_signal_handlers()
    yield
    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(signal_handlers.page_published_signal_handler, model)
            page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, model)


def test_publishing_purges_the_configured_frontend_cache(about, frontend_cache, committed):
    urlopen = "wagtail.contrib.frontend_cache.backends.http.urlopen"
    with mock.patch(urlopen) as urlopen, committed():
        about.title = "Who we are"
        about.save_revision().publish()
    purged = {call.args[0].full_url for call in urlopen.call_args_list}
    assert {call.args[0].get_method() for call in urlopen.call_args_list} == {"PURGE"}
    languages = {code for code, _name in django_settings.LANGUAGES}
    assert {f"http://varnish.internal:6081/{code}/about/" for code in languages} <= purged
    assert {call.args[0].get_header("Host") for call in urlopen.call_args_list} == {"localhost"}


def test_frontend_cache_settings_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(sorted(settings.WAGTAILFRONTENDCACHE.items()), "
        "'wagtail.contrib.frontend_cache' in settings.INSTALLED_APPS)"
    )
    unset = _manage("shell", "-c", code, SECRET_KEY=SECRET_KEY)
    assert unset.stdout.strip().splitlines()[-1] == "[] False"
    configured = _manage(
        "shell",
        "-c",
        code,
        SECRET_KEY=SECRET_KEY,
        FRONTEND_CACHE_URL="http://varnish.internal:6081",
        FRONTEND_CACHE_CLOUDFLARE_ZONE_ID="zone123",
        FRONTEND_CACHE_CLOUDFLARE_TOKEN="token456",
    )
    assert configured.returncode == 0, configured.stderr
    output = configured.stdout.strip().splitlines()[-1]
    assert "'LOCATION': 'http://varnish.internal:6081'" in output
    assert "'ZONEID': 'zone123'" in output and "'BEARER_TOKEN': 'token456'" in output
    assert output.endswith("True")
    half = _manage("check", SECRET_KEY=SECRET_KEY, FRONTEND_CACHE_CLOUDFLARE_ZONE_ID="zone123")
    assert half.returncode != 0
    assert "FRONTEND_CACHE_CLOUDFLARE_TOKEN" in half.stderr


def test_a_deploy_can_forget_every_cached_page(about, visitor):
    visit(visitor, "/en/about/")
    assert visit(visitor, "/en/about/")["X-Cache"] == "HIT"
    call_command("clear_page_cache", stdout=StringIO())
    assert visit(visitor, "/en/about/")["X-Cache"] == "MISS"


def test_with_a_memory_cache_per_process_a_change_reaches_every_process(about, visitor):
    """Each gunicorn worker has its own local-memory cache; the token is in the database,
    so a publish handled by another worker is seen by this one at its next request."""
    from hub.models import PageCacheGeneration

    assert visit(visitor, "/en/about/")["X-Cache"] == "MISS"
    assert visit(visitor, "/en/about/")["X-Cache"] == "HIT"
    # Another process publishes a new title: its rows change, its own memory cache too,
    # but not this process's.
    Page.objects.filter(pk=about.pk).update(title="About the whole network")
    PageCacheGeneration.objects.filter(pk=1).update(token="written-by-another-process")
    again = visit(visitor, "/en/about/")
    assert again["X-Cache"] == "MISS"
    assert "About the whole network" in again.text


def test_the_page_cache_is_on_by_default_and_off_in_development():
    show = "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"
    production = _manage("shell", "-c", show, SECRET_KEY=SECRET_KEY, REDIS_URL="")
    assert production.stdout.split()[-1:] == ["600"], production.stderr
    development = _manage("shell", "-c", show, "--settings=hub.settings.dev", REDIS_URL="")
    assert development.stdout.split()[-1:] == ["0"], development.stderr
