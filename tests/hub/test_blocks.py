"""The block library: every block declares its admin metadata and renders its preview."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from hub import blocks as library

ALL_BLOCKS = dict(library.BODY_BLOCKS)


@pytest.mark.parametrize("name", sorted(ALL_BLOCKS))
def test_block_declares_icon_label_template_and_description(name):
    meta = ALL_BLOCKS[name].meta
    assert meta.icon and meta.icon != "placeholder"
    assert str(meta.label)
    assert meta.template.startswith("blocks/")
    assert str(meta.description)


@pytest.mark.parametrize("name", sorted(ALL_BLOCKS))
def test_block_renders_its_preview_value(db, name):
    block = ALL_BLOCKS[name]
    html = block.render(block.get_preview_value())
    assert "Traceback" not in html


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("heading", 'id="why-a-network-of-third-places"'),
        ("paragraph", "Third places are where"),
        ("quote", "<figcaption>A rural hub manager</figcaption>"),
        ("key_figure", "members after two years"),
        ("figure_row", "of shared space"),
        ("map_point", 'data-latitude="43.3125"'),
        ("call_to_action", 'href="https://example.org/"'),
        ("accordion", "<summary>Who can join the network?</summary>"),
        ("steps", '<ol class="steps__list">'),
        ("video", "Opening of the network"),
    ],
)
def test_preview_shows_the_content(db, name, expected):
    block = ALL_BLOCKS[name]
    assert expected in block.render(block.get_preview_value())


def test_block_collections_never_define_a_block_twice():
    for collection in [library.BODY_BLOCKS, library.STORY_BLOCKS, library.CHAPTER_BLOCKS]:
        names = [name for name, _block in collection]
        assert len(names) == len(set(names))


def test_map_point_refuses_null_island():
    block = library.MapPointBlock()
    with pytest.raises(ValidationError, match="Atlantic"):
        block.clean(block.to_python({"label": "Nowhere", "latitude": 0, "longitude": 0}))


def test_map_point_refuses_out_of_range_coordinates():
    block = library.MapPointBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Far", "latitude": 91, "longitude": 10}))


def test_call_to_action_needs_exactly_one_target():
    block = library.CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Go", "button_label": "Go"}))


def test_heading_uses_the_given_anchor():
    block = library.HeadingBlock()
    html = block.render(block.to_python({"text": "Funding", "level": "h3", "anchor": "money"}))
    assert html.strip() == '<h3 id="money">Funding</h3>'


@pytest.mark.parametrize(
    "text, anchor",
    [
        ("Χρηματοδότηση και στέγη", "χρηματοδότηση-και-στέγη"),
        ("Financiranje i društvo", "financiranje-i-društvo"),
        ("Čakovec: žene u šumi", "čakovec-žene-u-šumi"),
        ("Espaces ruraux", "espaces-ruraux"),
        ("?!", "section"),
    ],
)
def test_heading_anchor_keeps_greek_and_croatian_letters(text, anchor):
    block = library.HeadingBlock()
    html = block.render(block.to_python({"text": text, "level": "h2", "anchor": ""}))
    assert f'<h2 id="{anchor}">' in html


def test_heading_level_is_not_searchable_text():
    block = library.HeadingBlock()
    value = block.to_python({"text": "Funding sources", "level": "h2", "anchor": ""})
    content = block.get_searchable_content(value)
    assert "Funding sources" in content
    assert not any("Level" in text for text in content)


def test_page_search_text_holds_no_heading_level(db):
    from home.models import StandardPage

    page = StandardPage(
        title="About",
        body=[("heading", {"text": "Funding sources", "level": "h3", "anchor": ""})],
    )
    text = " ".join(page._text_of("body"))
    assert "Funding sources" in text
    assert "Level" not in text


def test_image_block_renders_responsive_picture_with_alt(db, tmp_path, settings):
    import wagtail_factories

    settings.MEDIA_ROOT = tmp_path
    image = wagtail_factories.ImageFactory(title="Desks", width=1600, height=900)
    image.description = "Two rows of desks by a window"
    image.save()
    block = library.ImageBlock()
    html = block.render(
        block.to_python({"image": image.pk, "caption": "The space", "attribution": "CC BY"})
    )
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert 'alt="Two rows of desks by a window"' in html
    assert 'width="' in html and 'height="' in html
    decorative = block.render(block.to_python({"image": image.pk, "alt_text": " "}))
    assert 'alt=""' in decorative
