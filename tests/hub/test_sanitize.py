"""The rich-text sanitiser that imports and the API use before storing anything."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from home.models import StandardPage
from hub.sanitize import ALLOWED_TAGS, sanitize_rich_text, sanitize_stream_data
from tests.factories import StandardPageFactory

POISON = [
    '<script>alert("x")</script>',
    '<p onclick="steal()">Click</p>',
    '<img src="x" onerror="steal()">',
    '<a href="javascript:steal()">link</a>',
    '<a href="JaVaScRiPt:steal()">link</a>',
    '<a href=" java&#x09;script:steal()">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<svg onload="steal()"><script>steal()</script></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="evil.swf"></object>',
    '<style>body{background:url("javascript:steal()")}</style>',
    '<p style="background:url(javascript:steal())">styled</p>',
    '<form action="https://evil.example/"><input name="password"></form>',
    '<embed embedtype="media" url="javascript:steal()">',
    "<math><mtext><table><mglyph><style><img src=x onerror=steal()></style></mglyph></math>",
    '<a href="https://ok.example/" onmouseover="steal()">ok</a>',
    "<!--<script>steal()</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=steal()>">',
]
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


ACTIVE_TAGS = {"script", "iframe", "object", "style", "svg", "math", "form", "img", "input"}


def assert_safe(html: str, allowed_tags=ALLOWED_TAGS):
    """Parse ``html`` as a browser would and check every element and attribute."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attributes in parser.elements:
        if allowed_tags is None:
            assert tag not in ACTIVE_TAGS, f"<{tag}> survived in {html!r}"
        else:
            assert tag in allowed_tags, f"<{tag}> survived in {html!r}"
        for name, value in attributes.items():
            assert not name.startswith("on"), f"{name} survived in {html!r}"
            assert name != "style", f"style survived in {html!r}"
            if name in {"href", "url", "src"}:
                scheme = urlsplit((value or "").strip()).scheme.lower()
                assert scheme in SAFE_SCHEMES, f"{value!r} survived in {html!r}"


@pytest.mark.parametrize("poison", POISON)
def test_poison_is_removed(poison):
    assert_safe(sanitize_rich_text(f"<p>Before</p>{poison}<p>After</p>"))


def test_wagtail_rich_text_survives_unchanged():
    html = (
        "<h2>Results</h2><p>The <b>hub</b> has <i>120</i> members, see "
        '<a href="https://example.org/report">the report</a>, '
        '<a linktype="page" id="12">the guide</a> and '
        '<a linktype="document" id="3">the charter</a>.</p>'
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><p>m<sup>2</sup></p>"
        '<embed alt="The terrace" embedtype="image" format="left" id="7">'
        '<p><a href="mailto:team@example.org">write</a></p>'
    )
    assert sanitize_rich_text(html) == html


def test_unknown_link_types_and_empty_input():
    assert sanitize_rich_text('<a linktype="evil" id="1">x</a>') == '<a id="1">x</a>'
    assert sanitize_rich_text("") == ""
    assert sanitize_rich_text(None) == ""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*POISON, "<p>", "</p>", "<a ", 'href="', "<b>", ">", '"', "text"]),
        max_size=12,
    ).map("".join)
)
def test_any_mix_of_poison_and_markup_comes_out_safe(html):
    assert_safe(sanitize_rich_text(html))


def _body_block():
    return StandardPage._meta.get_field("body").stream_block


def test_stream_data_is_sanitised_where_it_holds_rich_text():
    data = [
        {"type": "paragraph", "value": '<p onclick="x()">Hello <script>x()</script></p>'},
        {"type": "heading", "value": {"text": "<b>Title</b>", "level": "h2", "evil": "x"}},
        {"type": "quote", "value": {"quote": "Plain <text>", "source": "Someone"}},
        {"type": "unknown", "value": "<script>x()</script>"},
        "not a block",
    ]
    cleaned = sanitize_stream_data(_body_block(), data)
    assert cleaned == [
        {"type": "paragraph", "value": "<p>Hello </p>"},
        # Plain text is stored as given: templates escape it.
        {"type": "heading", "value": {"text": "<b>Title</b>", "level": "h2"}},
        {"type": "quote", "value": {"quote": "Plain <text>", "source": "Someone"}},
    ]


def test_a_poisoned_import_is_harmless_once_stored_and_published(home, client):
    """What an importer does: sanitise the raw StreamField data, store it, publish it."""
    poisoned = [
        {"type": "paragraph", "value": f"<p>Our story.</p>{poison}"} for poison in POISON
    ] + [{"type": "quote", "value": {"quote": '<script>alert("q")</script>', "source": ""}}]
    page = StandardPageFactory(parent=home, title="Imported", slug="imported")
    page.body = sanitize_stream_data(_body_block(), poisoned)
    page.save_revision().publish()

    html = client.get("/en/imported/").text
    body = html.split('<article class="container prose"', 1)[1].split("</article>", 1)[0]
    assert "Our story." in body
    assert "&lt;script&gt;" in body  # the quote's plain text is shown, escaped
    assert_safe(body, allowed_tags=None)


def test_stream_data_of_the_wrong_shape_becomes_empty():
    block = _body_block()
    assert sanitize_stream_data(block, "<script>x()</script>") == []
    assert sanitize_stream_data(block, [{"type": "heading", "value": "text"}]) == [
        {"type": "heading", "value": {}}
    ]
