"""Item 5: translation coverage (report, CSV, dashboard panel), computed in bulk."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from home.models import StandardPage
from hub.translation import sync_snippet, translatable_snippet_models
from hub.translation.coverage import coverage_rows
from tests.snippetapp.models import Label

from .conftest import make_page, refused, start_translation


def fill(translation, capture, kind="manual", count=None, publish=True):
    """Translate ``count`` strings (all by default) of ``translation``, then publish."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    for segment in list(segments.order_by("order"))[:count]:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": f"{translation.target_locale.language_code} {segment.string.data}",
                "translation_type": kind,
            },
        )
    if publish:
        with capture(execute=True):
            translation.save_target(publish=True)


def by_locale(rows, title):
    return {row.locale.language_code: row for row in rows if row.title == title}


@pytest.fixture
def content(about, locales, django_capture_on_commit_callbacks):
    """fr complete, it half done, es machine-made, el outdated, hr missing (alias)."""
    capture = django_capture_on_commit_callbacks
    for code in ["fr", "it", "es", "el"]:
        translation = start_translation(about, locales[code], capture)
        if code == "it":
            fill(translation, capture, count=3)
        else:
            fill(translation, capture, kind="machine" if code == "es" else "manual")
    about.title = "About the network (revised)"
    about.save_revision().publish()
    translation = about.get_translation(locales["el"])
    # Everything but Greek was up to date before the change: sync them back.
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get(object_id=about.translation_key)
    source.update_from_db()
    for code in ["fr", "it", "es"]:
        t = source.translations.get(target_locale=locales[code])
        fill(
            t,
            capture,
            kind="machine" if code == "es" else "manual",
            count=3 if code == "it" else None,
        )
    return about


def test_each_status_is_found(content, home):
    rows = by_locale(coverage_rows(), "About the network (revised)")
    assert sorted(rows) == ["el", "es", "fr", "hr", "it"]
    fr, it, es, el, hr = (rows[code] for code in ["fr", "it", "es", "el", "hr"])
    assert (fr.state, fr.percent, fr.statuses) == ("translated", 100, {"complete"})
    assert (it.state, it.percent, it.statuses) == ("in_progress", 42, {"in_progress"})
    assert es.statuses == {"machine"} and es.percent == 100
    assert el.statuses == {"in_progress", "outdated"}  # the title changed: one string new
    assert (hr.state, hr.percent, hr.is_alias) == ("missing", 0, True)
    assert hr.edit_url == f"/admin/pages/{content.get_translation(hr.locale).pk}/edit/"
    assert es.review_url == f"/admin/translation/review/{es.translation_id}/"
    # The home pages are not translated (aliases) in the other languages.
    assert by_locale(coverage_rows(), "CoWorkMed Hub")["fr"].statuses == {"missing"}


def test_a_change_to_the_source_makes_translations_outdated_until_synced(
    about, locales, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    translation = start_translation(about, locales["fr"], capture)
    fill(translation, capture)
    assert by_locale(coverage_rows(), about.title)["fr"].statuses == {"complete"}

    about.introduction = "A new introduction."
    about.save_revision().publish()
    assert by_locale(coverage_rows(), about.title)["fr"].outdated  # published after the sync

    translation.source.update_from_db()  # "Sync translated pages" without publishing
    french = by_locale(coverage_rows(), about.title)["fr"]
    assert french.outdated and french.state == "in_progress"

    fill(translation, capture)  # the translator translates the new string and publishes
    assert by_locale(coverage_rows(), about.title)["fr"].statuses == {"complete"}


def test_pages_written_in_another_language_and_snippets_are_covered(
    home, locales, django_capture_on_commit_callbacks
):
    french_home = home.get_translation(locales["fr"])
    local = french_home.add_child(instance=StandardPage(title="Fête du tiers-lieu", slug="fete"))
    local.save_revision().publish()
    rows = by_locale(coverage_rows(), "Fête du tiers-lieu")
    assert sorted(rows) == ["el", "en", "es", "hr", "it"]
    assert rows["en"].source_locale.language_code == "fr"
    assert rows["en"].statuses == {"missing"}

    label = Label.objects.create(name="Rural hub", locale=locales["en"])
    sync_snippet(label)
    translation = label.get_translation(locales["fr"])
    from wagtail_localize.models import Translation

    fill(Translation.objects.get(target_locale=locales["fr"]), django_capture_on_commit_callbacks)
    rows = by_locale(coverage_rows(), "Rural hub")
    assert rows["fr"].statuses == {"complete"} and rows["fr"].kind == "snippet"
    assert rows["hr"].statuses == {"in_progress"}  # a copy with the source text, 0 %
    assert rows["hr"].percent == 0
    assert (
        rows["hr"].edit_url
        == f"/admin/snippets/snippetapp/label/edit/{label.get_translation(locales['hr']).pk}/"
    )

    label.name = "Rural hubs"
    label.save()
    assert by_locale(coverage_rows(), "Rural hubs")["fr"].outdated
    assert translation.pk


def test_draft_pages_are_not_counted(home):
    draft = StandardPage(title="Unpublished", slug="unpublished", live=False)
    home.add_child(instance=draft)
    assert not by_locale(coverage_rows(), "Unpublished")


# The report ------------------------------------------------------------------------------


def test_report_lists_filters_and_exports(content, editor_client):
    response = editor_client.get("/admin/translation/coverage/")
    assert response.status_code == 200
    assert "About the network (revised)" in response.text
    assert "Download CSV" in response.text

    response = editor_client.get("/admin/translation/coverage/?locale=hr&status=missing")
    rows = response.context["object_list"]
    assert {row.locale.language_code for row in rows} == {"hr"}
    assert {row.title for row in rows} == {"About the network (revised)", "CoWorkMed Hub"}

    response = editor_client.get("/admin/translation/coverage/?type=home.homepage")
    assert {row.title for row in response.context["object_list"]} == {"CoWorkMed Hub"}

    response = editor_client.get("/admin/translation/coverage/?status=machine&export=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0] == [
        "Title",
        "Type",
        "Source language",
        "Language",
        "Status",
        "Translated (%)",
        "Outdated",
        "Machine translation, not reviewed",
        "Link",
    ]
    assert table[1][:8] == [
        "About the network (revised)",
        "standard page",
        "English",
        "Español",
        "Machine translation, not reviewed",
        "100",
        "no",
        "yes",
    ]
    assert table[1][8].startswith("http://testserver/admin/pages/")
    assert len(table) == 2


def test_report_survives_bad_query_strings(content, editor_client):
    for query in ["status=bogus", "locale=xx&type=nope", "p=999", "p=abc", "export=pdf"]:
        response = editor_client.get(f"/admin/translation/coverage/?{query}")
        assert response.status_code == 200, query


def test_translators_see_their_own_queue_first(content, croatian_translator, client):
    client.force_login(croatian_translator)
    rows = client.get("/admin/translation/coverage/").context["object_list"]
    assert [row.locale.language_code for row in rows[:2]] == ["hr", "hr"]
    dashboard = client.get("/admin/")
    assert "Your translation queue" in dashboard.text
    assert "/admin/translation/coverage/" in dashboard.text  # the panel and the menu item
    panel = dashboard.text.split('id="translation-coverage-section"')[1]
    assert panel.index("Hrvatski") < panel.index("Français")


def test_dashboard_panel_sums_up_each_language(content, editor_client):
    html = editor_client.get("/admin/").text
    assert 'id="translation-coverage-section"' in html
    assert "/admin/translation/coverage/?locale=hr&amp;status=missing" in html


def test_people_without_translation_work_do_not_see_the_report(home, make_user, client):
    from django.contrib.auth.models import Permission

    user = make_user("visitor")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert refused(client.get("/admin/translation/coverage/"))
    assert 'id="translation-coverage-section"' not in client.get("/admin/").text


def _pages(home, locales, count, capture, start=0):
    for number in range(start, start + count):
        page = make_page(home, title=f"Guide {number}", slug=f"guide-{number}")
        fill(start_translation(page, locales["fr"], capture), capture)
        label = Label.objects.create(name=f"Theme {number}", locale=locales["en"])
        sync_snippet(label)


def test_queries_do_not_grow_with_the_number_of_pages(
    home, locales, editor_client, django_capture_on_commit_callbacks
):
    _pages(home, locales, 2, django_capture_on_commit_callbacks)
    editor_client.get("/admin/translation/coverage/")  # warm the caches
    with CaptureQueriesContext(connection) as few:
        assert len(coverage_rows()) == (1 + 2) * 5 + 2 * 5
    with CaptureQueriesContext(connection) as few_view:
        editor_client.get("/admin/translation/coverage/?export=csv")

    _pages(home, locales, 8, django_capture_on_commit_callbacks, start=2)
    with CaptureQueriesContext(connection) as many:
        assert len(coverage_rows()) == (1 + 10) * 5 + 10 * 5
    with CaptureQueriesContext(connection) as many_view:
        editor_client.get("/admin/translation/coverage/?export=csv")
    # Seven queries, plus one per translatable snippet model (and per child relation).
    assert len(many) == len(few) <= 8 + 2 * len(translatable_snippet_models())
    assert len(many_view) == len(few_view)
    assert Page.objects.count() > 60
