"""What visitors see on a case study and on the list of case studies."""

import re

import pytest
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from casestudies.models import CaseStudyPage
from hub.models import Country, Theme
from tests.factories import (
    CaseStudyContactFactory,
    CaseStudyGalleryImageFactory,
    CaseStudyPageFactory,
    CaseStudyRelationFactory,
    CaseStudyToolFactory,
    OrganisationFactory,
    StandardPageFactory,
)

from .builders import case_study_index, full_case_study, synchronised


@pytest.fixture
def index(home):
    return case_study_index(home)


@pytest.fixture
def full_page(home, index):
    page = full_case_study(
        index,
        title="Village school coworking",
        partner=OrganisationFactory(name="Tiers-Lieux Sud", website="https://partner.example.org/"),
        operator=OrganisationFactory(name="Association La Fabrique"),
    )
    olive_mill = CaseStudyPageFactory(parent=index, title="Olive mill")
    CaseStudyRelationFactory(page=page, target=olive_mill, relation="inspired_by")
    CaseStudyContactFactory(page=page, name="Marie Dupont", email="marie@example.org")
    CaseStudyContactFactory(page=page, name="Hidden Person", consent=False, consent_date=None)
    CaseStudyGalleryImageFactory(page=page, caption="Market day in the courtyard")
    CaseStudyToolFactory(page=page, tool=StandardPageFactory(parent=home, title="Charter template"))
    page.save_revision().publish()
    return CaseStudyPage.objects.get(pk=page.pk)


def text_of(response):
    return re.sub(r"\s+", " ", response.text)


def test_a_full_case_study_shows_everything_an_editor_entered(client, full_page):
    response = client.get(full_page.url)
    assert response.status_code == 200
    html = text_of(response)
    # key figures, alone and in a row
    assert '<p class="key-figure__value">42</p>' in html
    assert "regular members" in html
    assert "shared floor area" in html
    # the map point
    assert 'data-latitude="43.9596" data-longitude="5.7803"' in html
    # resources
    assert "Cooperative statutes" in html
    assert "download" in html
    # related case with its relation
    assert re.search(r"Inspired by</span> <a href=\"/en/case-studies/olive-mill/\"", html)
    # tools used
    assert ">Charter template</a>" in html
    # facts
    for fact in ["450 m²", "30 desks", "42 members", "2016", "Association La Fabrique"]:
        assert fact in html, fact
    assert "Mixed revenue (rental, services, grants)" in html
    # gallery and provenance
    assert "Market day in the courtyard" in html
    assert "Annual report 2024" in html
    assert '<a href="https://partner.example.org/">Tiers-Lieux Sud</a>' in html
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">' in html
    # reading time and last update
    assert "1 minute read" in html
    # The date as the site shows it: in its time zone (late evening in UTC is already the
    # next day in Paris), not in UTC.
    shown = timezone.localtime(full_page.last_published_at)
    assert f'<time datetime="{shown:%Y-%m-%d}' in html


def test_only_contacts_who_consented_are_shown(client, full_page):
    html = client.get(full_page.url).text
    assert "Marie Dupont" in html
    assert "mailto:marie@example.org" in html
    assert "Hidden Person" not in html


def test_story_sections_come_in_their_fixed_order(client, full_page):
    html = client.get(full_page.url).text
    headings = re.findall(r'<h2 id="(\w+)-heading">', html)
    sections = ["context", "challenge", "approach", "results", "lessons", "transfer"]
    assert [h for h in headings if h in sections] == sections


def test_an_empty_transfer_section_is_left_out(client, index):
    page = CaseStudyPageFactory(parent=index)
    html = client.get(page.url).text
    assert 'id="lessons-heading"' in html
    assert 'id="transfer-heading"' not in html


def test_breadcrumbs_lead_home_through_the_index(client, full_page, index):
    html = text_of(client.get(full_page.url))
    assert (
        '<li><a href="/en/">Home</a></li> <li><a href="/en/case-studies/">Case studies</a></li>'
        in html
    )
    assert '<span aria-current="page">Village school coworking</span>' in html


def test_the_hero_image_is_a_responsive_picture_with_its_size(client, index):
    image = wagtail_factories.ImageFactory(description="Desks in the former classroom")
    page = CaseStudyPageFactory(parent=index, hero_image=image)
    html = client.get(page.url).text
    hero = re.search(r'<figure class="case-study__hero">(.*?)</figure>', html, re.S).group(1)
    assert "<picture>" in hero and 'type="image/webp"' in hero
    assert re.search(r'<img alt="Desks in the former classroom"[^>]* height="\d+"', hero)
    assert re.search(r'width="\d+"', hero)


def test_a_view_reads_its_pictures_renditions_from_the_database_not_the_cache(client, full_page):
    """The main image's renditions (its picture's and the sharing card's) come with the
    gallery's in one query: Wagtail's rendition cache, read and written back on every
    view before, is left alone (with Redis, two round trips of pickled renditions)."""
    from unittest import mock

    from wagtail.images import get_image_model

    full_page.hero_image = wagtail_factories.ImageFactory()
    full_page.save_revision().publish()
    client.get(full_page.url)  # the renditions are made once, at the first view
    backend = get_image_model().get_rendition_model().cache_backend
    calls = {
        name: mock.patch.object(backend, name) for name in ("get", "get_many", "set", "set_many")
    }
    mocks = {name: patcher.start() for name, patcher in calls.items()}
    try:
        html = client.get(full_page.url).text
    finally:
        mock.patch.stopall()
    assert {name: m.call_count for name, m in mocks.items()} == dict.fromkeys(calls, 0)
    hero = re.search(r'<figure class="case-study__hero">(.*?)</figure>', html, re.S).group(1)
    assert hero.count("<source") == 2 and 'property="og:image"' in html
    assert html.count('class="gallery__list"') == 1


def test_key_figures_collect_single_figures_and_rows(full_page):
    assert [str(f["label"]) for f in full_page.key_figures] == [
        "regular members",
        "shared floor area",
    ]


def test_reading_time_grows_with_the_story(index):
    from wagtail.rich_text import RichText

    long = " ".join(["word"] * 900)
    page = CaseStudyPageFactory(parent=index, context=[("paragraph", RichText(f"<p>{long}</p>"))])
    assert page.reading_time == 5


# The list of case studies ---------------------------------------------------------------


def test_the_index_lists_live_case_studies_in_pages(client, index):
    for number in range(14):
        CaseStudyPageFactory(parent=index, title=f"Case {number:02d}")
    CaseStudyPageFactory(parent=index, title="Case draft", live=False)
    first = client.get(index.url, {"sort": "title"})
    assert first.status_code == 200
    titles = re.findall(r'<h3 class="case-card__title"[^>]*><a [^>]*>([^<]+)</a>', first.text)
    assert titles == [f"Case {n:02d}" for n in range(12)]
    assert "14 case studies" in first.text
    assert 'rel="next"' in first.text
    second = client.get(index.url, {"page": 2, "sort": "title"})
    titles = re.findall(r'<h3 class="case-card__title"[^>]*><a [^>]*>([^<]+)</a>', second.text)
    assert titles == ["Case 12", "Case 13"]
    assert "Case draft" not in first.text + second.text


@pytest.mark.parametrize("value", ["abc", "999", "-1", "1.5", "%00"])
def test_a_bad_page_number_still_gives_a_page(client, index, value):
    CaseStudyPageFactory(parent=index)
    response = client.get(index.url, {"page": value})
    assert response.status_code == 200
    assert "card__title" in response.text


def test_pagination_keeps_other_query_parameters(client, index):
    for number in range(13):
        CaseStudyPageFactory(parent=index, title=f"Case {number:02d}")
    html = client.get(index.url, {"theme": "rural-development"}).text
    assert 'href="?theme=rural-development&amp;page=2"' in html


def test_an_empty_index_says_so(client, index):
    assert "No case study has been published in this language yet." in client.get(index.url).text


def test_a_card_shows_place_type_and_themes(client, index, taxonomy):
    english = Locale.objects.get(language_code="en")
    theme = Theme.objects.get(slug="community-building", locale=english)
    CaseStudyPageFactory(
        parent=index,
        country=Country.objects.get(code="HR", locale=english),
        city="Vodnjan",
        themes=[theme],
    )
    html = text_of(client.get(index.url))
    assert "Vodnjan, Croatia" in html
    assert f"<li>{theme.name}</li>" in html


# Languages ---------------------------------------------------------------------------


def test_untranslated_case_studies_show_their_terms_in_the_visitor_language(client, home, taxonomy):
    english = Locale.objects.get(language_code="en")
    french = Locale.objects.get(language_code="fr")
    index = synchronised(case_study_index(home))
    theme = Theme.objects.get(slug="community-building", locale=english)
    page = synchronised(
        CaseStudyPageFactory(
            parent=index,
            country=Country.objects.get(code="HR", locale=english),
            themes=[theme],
        )
    )
    alias = page.get_translation(french)
    assert alias.country.locale == french
    assert [t.locale for t in alias.themes.all()] == [french]
    french_theme = theme.get_translation(french)
    html = client.get(index.get_translation(french).url).text
    assert f"<li>{french_theme.name}</li>" in html
    assert "Croatie" in html
    assert '<h3 class="case-card__title" lang="en"><a href="/fr/' in html


CARD_SIZES = ("400x225", "800x450")


@pytest.mark.parametrize(
    "specs",
    [
        [f"format-{fmt}|fill-{size}" for fmt in ("avif", "webp", "jpeg") for size in CARD_SIZES],
        ["format-webp|width-300", "format-png|width-300"],
        ["width-300", "width-600"],
        ["fill-200x100"],
    ],
)
def test_pictures_are_written_as_wagtails_picture_tag_writes_them(db, specs):
    from wagtail.images.models import Picture

    from casestudies.templatetags.casestudies_tags import picture_html

    image = wagtail_factories.ImageFactory(title='Desks & "chairs"')
    renditions = image.get_renditions(*specs)
    attrs = {"sizes": "(max-width: 40rem) 100vw", "alt": 'A <b>"room"</b>', "loading": "lazy"}
    attrs |= {"hidden": True, "draggable": False, "class": None}
    assert picture_html(renditions, attrs) == Picture(renditions, dict(attrs)).__html__()


def test_cards_come_in_the_order_asked_with_their_themes_by_name(index):
    from hub.models import Theme as ThemeModel

    image = wagtail_factories.ImageFactory()
    themes = [ThemeModel.objects.create(name=name, slug=name.lower()) for name in ("Zinc", "Art")]
    first = CaseStudyPageFactory(parent=index, hero_image=image, themes=themes)
    second = CaseStudyPageFactory(parent=index, hero_image=image, themes=[])
    draft = CaseStudyPageFactory(parent=index, live=False)
    image.get_renditions("format-webp|fill-400x225")

    cards = CaseStudyPage.cards([second.pk, draft.pk, first.pk])

    assert [case.pk for case in cards] == [second.pk, first.pk]
    assert cards[1].card_themes == ["Art", "Zinc"] and cards[0].card_themes == []
    assert cards[1].country.name == first.country.name
    assert cards[1].content_language == "en"
    # Both cards show the image: each holds its renditions, as a prefetch leaves them.
    assert all(len(case.hero_image.prefetched_renditions) == 1 for case in cards)


# The card as components/_case_study_card.html wrote it before ``{% case_study_card %}``.
CARD_TEMPLATE = (
    "{% load i18n l10n wagtailcore_tags casestudies_tags %}"
    '<article class="case-card"><div class="case-card__media">{% if case.hero_image %}'
    "{% card_picture case.hero_image format-{avif,webp,jpeg} fill-{400x225,800x450} "
    'sizes="(max-width: 40rem) 100vw, 24rem" alt="" loading="lazy" %}{% else %}'
    '<span class="case-card__placeholder" aria-hidden="true">{{ case.country.code }}</span>'
    '{% endif %}</div><div class="case-card__body">'
    '<h3 class="case-card__title" lang="{{ case.content_language }}">'
    '<a href="{% pageurl case %}">{{ case.title }}</a></h3>'
    '<p class="case-card__place">{{ case.city }}, {{ case.country.name }}</p>'
    '<ul class="case-card__facts"><li>{{ case.space_type.name }}</li>'
    "{% if case.year_founded %}<li>"
    "{% blocktranslate with year=case.year_founded|unlocalize %}"
    "Founded in {{ year }}{% endblocktranslate %}</li>{% endif %}"
    "{% if case.desks %}<li>{% blocktranslate count counter=case.desks %}"
    "{{ counter }} desk{% plural %}{{ counter }} desks{% endblocktranslate %}</li>{% endif %}"
    '</ul><p class="case-card__summary" lang="{{ case.content_language }}">'
    "{{ case.summary|truncatewords:32 }}</p>{% if case.card_themes %}"
    """<ul class="tags" aria-label="{% translate 'Themes' %}">"""
    "{% for name in case.card_themes %}<li>{{ name }}</li>{% endfor %}</ul>{% endif %}"
    '{% if compare_form %}<p class="case-card__compare">'
    '<input type="checkbox" id="compare-{{ case.pk|unlocalize }}" name="{{ compare_param }}" '
    'value="{{ case.pk|unlocalize }}" form="{{ compare_form }}">'
    '<label for="compare-{{ case.pk|unlocalize }}">{% translate "Compare" %}'
    '<span class="visually-hidden">: {{ case.title }}</span></label></p>{% endif %}'
    "</div></article>"
)


@pytest.mark.parametrize("language", ["en", "fr", "el"])
def test_cards_are_written_as_the_card_template_wrote_them(rf, index, language):
    """``{% case_study_card %}`` writes the finder's cards in Python, for speed: the same
    markup as the template it replaced (whitespace aside), with and without a picture, a
    founding year, desks (one or many) and themes, with escaping, in three languages."""
    from django.template import Context, Template
    from django.utils import translation

    from casestudies.templatetags.casestudies_tags import case_study_card
    from hub.models import Theme as ThemeModel

    image = wagtail_factories.ImageFactory()
    theme = ThemeModel.objects.create(name="Arts & <crafts>", slug="arts")
    words = " ".join(f"word{n}" for n in range(40))
    pages = [
        CaseStudyPageFactory(parent=index, hero_image=image, desks=1, themes=[theme]),
        CaseStudyPageFactory(
            parent=index,
            title='The "old" <mill>',
            city="Bari & Lecce",
            summary=f"Café <b>{words}</b>",
            desks=1500,
            year_founded=None,
            themes=[],
        ),
    ]
    request = rf.get("/en/case-studies/")
    template = Template(CARD_TEMPLATE)

    def normalised(html):
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()

    with translation.override(language):
        for case in CaseStudyPage.cards([page.pk for page in pages], request):
            for form in ("compare-form", ""):
                context = {"case": case, "request": request, "compare_form": form}
                context["compare_param"] = "case"
                written = case_study_card(Context(context), case, compare_form=form)
                assert normalised(written) == normalised(template.render(Context(context)))
    assert "&lt;b&gt;" in written and "&lt;mill&gt;" in written and "1500" in written
