"""The guide chapter block: heading, anchor and body of chapter blocks."""

import pytest
from django.core.exceptions import ValidationError

from hub import blocks as library


@pytest.fixture
def block():
    return dict(library.GUIDE_BLOCKS)["chapter"]


def test_chapter_block_declares_its_admin_metadata(block):
    assert block.meta.icon == "doc-full-inverse"
    assert str(block.meta.label) == "Chapter"
    assert block.meta.template == "blocks/chapter.html"
    assert str(block.meta.description)
    assert list(block.child_blocks) == ["heading", "anchor", "body"]
    assert list(block.child_blocks["body"].child_blocks) == [
        name for name, _block in library.CHAPTER_BLOCKS
    ]


def test_chapter_preview_renders_heading_with_anchor_and_steps(db, block):
    html = block.render(block.get_preview_value())
    assert '<h2 class="chapter__heading" id="map-the-spaces-of-your-region">' in html
    assert 'aria-labelledby="map-the-spaces-of-your-region"' in html
    assert '<ol class="steps__list">' in html
    assert "List the spaces you know" in html


def test_anchor_comes_from_the_editor_or_the_heading(block):
    assert block.anchor_for({"heading": "Funding sources", "anchor": ""}) == "funding-sources"
    assert block.anchor_for({"heading": "Funding", "anchor": "money"}) == "money"
    assert block.anchor_for({"heading": "Χρηματοδότηση", "anchor": ""}) == "χρηματοδότηση"
    assert block.anchor_for({"heading": "?!", "anchor": ""}) == "chapter"


def test_anchor_with_spaces_or_symbols_is_refused(block):
    value = block.to_python({"heading": "Funding", "anchor": "where money is", "body": []})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_page_passes_its_unique_anchor_to_the_template(block):
    value = block.to_python({"heading": "Funding", "anchor": "", "body": []})
    html = block.render(value, context={"chapter_anchor": "funding-2"})
    assert 'id="funding-2"' in html


def test_chapter_block_deconstructs_as_a_plain_struct_block(block):
    path, args, _kwargs = block.deconstruct()
    assert path == "wagtail.blocks.StructBlock"
    assert [name for name, _child in args[0]] == ["heading", "anchor", "body"]
