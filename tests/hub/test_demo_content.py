"""load_demo_content: an empty site becomes a multilingual hub, safely and repeatably."""

import html
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from casestudies.models import CaseStudyPage
from home.models import StandardPage
from hub.demo.data import load_demo_data
from hub.models import CountryProfilePage, Organisation, Region
from toolkit.models import GuidePage, ToolPage

from .demo_helpers import read, small_data_dir, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """What the database holds, by kind, to compare two runs."""
    return {
        "pages": Page.objects.count(),
        "aliases": Page.objects.filter(alias_of__isnull=False).count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "organisations": Organisation.objects.count(),
        "regions": Region.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


def in_locale(model, code):
    return model.objects.filter(locale__language_code=code)


def test_an_empty_site_gets_the_whole_demo_hub_in_six_languages(home, client, superuser):
    output = load()
    data = load_demo_data()

    # Every record became an English page, published, with an alias or a translation
    # in each of the five other languages.
    assert in_locale(CaseStudyPage, "en").live().count() == len(data.case_studies) == 25
    assert in_locale(GuidePage, "en").count() == 4
    assert in_locale(ToolPage, "en").count() == 8
    assert in_locale(CountryProfilePage, "en").count() == 5
    translated_cases = [r for r in data.case_studies if "fr" in r["translations"]]
    for code in ("fr", "it", "es", "el", "hr"):
        cases = in_locale(CaseStudyPage, code)
        assert cases.count() == 25
        assert cases.filter(alias_of__isnull=True).count() == len(translated_cases)
        for model in (GuidePage, ToolPage, CountryProfilePage):
            assert not in_locale(model, code).filter(alias_of__isnull=False).exists()

    # A translated page shows its own language, is tracked by wagtail-localize and opens
    # in its translation editor.
    valencia = CaseStudyPage.objects.get(
        locale__language_code="en", slug="valencia-cabanyal-third-place"
    )
    french = valencia.get_translation(Locale.objects.get(language_code="fr"))
    source = next(r for r in data.case_studies if r["slug"] == "valencia-cabanyal-third-place")
    assert french.title == source["translations"]["fr"]["title"]
    assert french.live and french.alias_of_id is None
    assert source["translations"]["fr"]["context"][0][:40] in str(french.specific.context)
    translation = Translation.objects.get(
        source__object_id=valencia.translation_key, target_locale=french.locale
    )
    assert translation.enabled
    done, total = translation.get_progress()
    assert done == total > 20
    assert french.specific.country.locale_id == french.locale_id  # the French "Espagne"
    client.force_login(superuser)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[french.pk]))
    assert editor.status_code == 200
    assert "Translation of" in editor.content.decode()

    # An untranslated case study stays an alias of the English page.
    untranslated = next(r for r in data.case_studies if "fr" not in r["translations"])
    alias = CaseStudyPage.objects.get(locale__language_code="fr", slug=untranslated["slug"])
    assert alias.alias_of.locale.language_code == "en"

    # Pages render in their language.
    response = client.get(french.url)
    assert response.status_code == 200
    assert source["translations"]["fr"]["summary"][:30] in html.unescape(response.content.decode())
    greek_tool = ToolPage.objects.get(
        locale__language_code="el",
        translation_key=ToolPage.objects.get(
            locale__language_code="en", slug="census-survey"
        ).translation_key,
    )
    assert client.get(greek_tool.url).status_code == 200

    # Tools carry one generated ODT file per language; pictures have their alt text.
    tool = ToolPage.objects.get(locale__language_code="en", slug="census-survey")
    files = list(tool.files.select_related("document"))
    assert sorted(file.language for file in files) == sorted(["en", "fr", "it", "es", "el", "hr"])
    assert all(file.document.file_extension == "odt" for file in files)
    greek = next(file for file in files if file.language == "el")
    assert greek.document.title == "Ερωτηματολόγιο απογραφής τρίτων χώρων"
    assert valencia.specific.hero_image.description.startswith("Illustration")
    assert valencia.specific.hero_image_alt == source["translations"]["en"]["image_alt"]

    # The case study's tools and relations are in place, and the tool knows where it is used.
    assert valencia.specific.tool_links.count() == len(source["tools"])
    assert valencia.specific.relations.count() == len(source["relations"])
    used_in = {page.slug for page in tool.used_in}
    assert {r["slug"] for r in data.case_studies if "census-survey" in r["tools"]} <= used_in

    # The command said what it did.
    assert "Case studies       [####################] 50/50" in output
    assert "Summary (pages created, by language):" in output
    assert "case studies         25    8    8    8    8    8" in output


def test_running_it_again_changes_nothing(home, tmp_path):
    directory = small_data_dir(tmp_path)
    load("--data-dir", str(directory))
    first = snapshot()
    output = load("--data-dir", str(directory))
    assert snapshot() == first
    assert "Already present, left as they are: 3 case studies" in output


def test_reset_rebuilds_the_demo_content_and_keeps_the_rest(home, tmp_path):
    directory = small_data_dir(tmp_path)
    editors_page = home.add_child(instance=StandardPage(title="About the network", slug="about"))
    load("--data-dir", str(directory))
    first = snapshot()
    case = in_locale(CaseStudyPage, "en").first()
    case.title = "Changed by an editor"
    case.save_revision().publish()

    output = load("--reset", "--data-dir", str(directory))

    assert snapshot() == first
    assert not CaseStudyPage.objects.filter(title="Changed by an editor").exists()
    assert Page.objects.filter(pk=editors_page.pk).exists()
    assert "Deleted first (--reset):" in output


def test_a_broken_data_file_stops_everything_and_says_where(home, tmp_path, media_root):
    directory = small_data_dir(tmp_path)
    path = next((directory / "tools").glob("*.yaml"))
    record = read(path)
    record["stage"] = "brainstorming"
    write(path, record)
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        load("--data-dir", str(directory))
    message = str(caught.value)
    assert f"tools/{path.name}" in message
    assert f"record '{record['slug']}'" in message
    assert "stage: 'brainstorming' is not one of" in message
    assert "nothing was changed" in message
    assert snapshot() == before


def test_an_error_found_while_loading_rolls_everything_back(home, tmp_path, media_root):
    # Valid YAML and schema, refused by the model: a case study founded in the future.
    directory = small_data_dir(tmp_path)
    path = sorted((directory / "case_studies").glob("*.yaml"))[-1]
    record = read(path)
    record["year_founded"] = 2099
    write(path, record)
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        load("--data-dir", str(directory))
    message = str(caught.value)
    assert f"case_studies/{path.name}" in message
    assert "year_founded" in message
    assert snapshot() == before
    # The pictures and files written before the error are gone too.
    written = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    assert written == []


def test_if_empty_leaves_a_site_with_case_studies_alone(home, tmp_path):
    directory = small_data_dir(tmp_path)
    load("--data-dir", str(directory))
    before = snapshot()
    output = load("--if-empty", "--data-dir", str(directory))
    assert "already has case studies" in output
    assert snapshot() == before


def test_contradictory_options_are_refused(home):
    with pytest.raises(CommandError, match="either --reset or --if-empty"):
        load("--reset", "--if-empty")


def test_a_missing_data_directory_is_reported(home, tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        load("--data-dir", str(tmp_path / "nowhere"))


def test_aliases_stay_out_of_the_search_index(home, tmp_path):
    from wagtail.search.models import IndexEntry

    load("--data-dir", str(small_data_dir(tmp_path)))
    indexed = set(IndexEntry.objects.values_list("content_type_id", "object_id"))
    pages = CaseStudyPage.objects.values_list("content_type_id", "pk", "alias_of_id")
    aliases = {(kind, str(pk)) for kind, pk, source in pages if source}
    real = {(kind, str(pk)) for kind, pk, source in pages if not source}
    assert aliases and real
    assert not indexed & aliases
    assert real <= indexed
