"""generate_bench_content: many realistic pages in six languages, the same for the same seed."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from casestudies.models import CaseStudyPage
from hub.demo.bench import SLUG_PREFIX, plan_pages

LANGUAGES = ["en", "fr", "it", "es", "el", "hr"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def generate(*args) -> str:
    out = io.StringIO()
    call_command("generate_bench_content", *args, stdout=out)
    return out.getvalue()


def bench_pages():
    return Page.objects.filter(slug__startswith=SLUG_PREFIX)


# -- the plan (no database) -------------------------------------------------------------------


def test_the_same_seed_plans_the_same_pages():
    first = plan_pages(40, seed=7)
    again = plan_pages(40, seed=7)
    assert [(p.slug, p.translation_key, p.texts, p.fields) for p in first] == [
        (p.slug, p.translation_key, p.texts, p.fields) for p in again
    ]
    other = plan_pages(40, seed=8)
    assert [p.texts["en"]["title"] for p in first] != [p.texts["en"]["title"] for p in other]


def test_the_plan_mixes_kinds_places_and_languages():
    plan = plan_pages(300, seed=1)
    kinds = {page.kind for page in plan}
    assert kinds == {"case_study", "guide", "tool"}
    assert sum(page.kind == "case_study" for page in plan) > 200
    countries = {page.fields["country"] for page in plan if page.kind == "case_study"}
    assert countries == {"FR", "IT", "ES", "GR", "HR"}
    for language in LANGUAGES[1:]:
        translated = [page for page in plan if language in page.translated]
        assert 20 < len(translated) < 120  # about one page in five
        # Text written in the language itself, not English.
        assert translated[0].texts[language]["summary"] != translated[0].texts["en"]["summary"]
    greek = next(page for page in plan if "el" in page.translated and page.kind == "case_study")
    assert any("\u0370" <= char <= "\u03ff" for char in greek.texts["el"]["title"])


# -- the command ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_small_run_builds_synchronised_trees_and_is_reproducible(home):
    output = generate("--pages", "12", "--seed", "4")
    assert "Benchmark pages    [####################] 12/12" in output
    assert "pages/second" in output
    english = bench_pages().filter(locale__language_code="en")
    assert english.count() == 12
    assert bench_pages().count() == 12 * len(LANGUAGES)
    assert Page.find_problems() == ([], [], [], [], [])
    for page in bench_pages().exclude(locale__language_code="en").filter(alias_of__isnull=False):
        assert page.alias_of.locale.language_code == "en"
        assert page.alias_of.translation_key == page.translation_key
    translated = bench_pages().exclude(locale__language_code="en").filter(alias_of__isnull=True)
    assert translated.exists()
    sample = translated.first()
    assert sample.title != sample.get_translation(english.first().locale).title

    case = CaseStudyPage.objects.filter(
        slug__startswith=SLUG_PREFIX, locale__language_code="fr"
    ).first()
    assert case.country.locale_id == case.locale_id  # the French name of its country
    assert case.themes.exists()
    assert case.hero_image is not None

    titles = sorted(bench_pages().values_list("locale__language_code", "slug", "title"))
    with pytest.raises(CommandError, match="already has 72 benchmark pages"):
        generate("--pages", "12", "--seed", "4")
    generate("--pages", "12", "--seed", "4", "--reset")
    assert sorted(bench_pages().values_list("locale__language_code", "slug", "title")) == titles
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_bench_pages_render_and_can_be_searched(home, client):
    generate("--pages", "8", "--seed", "2", "--translated", "1")
    greek = bench_pages().filter(locale__language_code="el").first()
    assert greek.alias_of_id is None  # --translated 1: every page translated
    assert client.get(greek.url).status_code == 200
    from wagtail.search.backends import get_search_backend

    english = CaseStudyPage.objects.filter(slug__startswith=SLUG_PREFIX, locale__language_code="en")
    page = english.first()
    word = page.summary.split()[1]
    results = get_search_backend().search(word, CaseStudyPage.objects.filter(locale=page.locale))
    assert page in list(results)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pages", "0"], "between 1 and 100,000"),
        (["--pages", "100001"], "between 1 and 100,000"),
        (["--pages", "many"], "--pages must be a whole number, not 'many'"),
        (["--pages", "5", "--seed", "x1"], "--seed must be a whole number"),
        (["--pages", "5", "--translated", "2"], "--translated must be between 0 and 1"),
    ],
)
def test_bad_arguments_are_explained_and_change_nothing(home, args, message):
    before = Page.objects.count()
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_aliases_stay_out_of_the_search_index(home):
    from wagtail.search.models import IndexEntry

    generate("--pages", "12", "--seed", "4")
    indexed = set(IndexEntry.objects.values_list("content_type_id", "object_id"))
    pages = bench_pages().values_list("content_type_id", "pk", "alias_of_id")
    aliases = {(kind, str(pk)) for kind, pk, source in pages if source}
    real = {(kind, str(pk)) for kind, pk, source in pages if not source}
    assert aliases and real
    assert not indexed & aliases
    assert real <= indexed
