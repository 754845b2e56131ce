"""The renderer must never let markup from a post's source run in a reader's browser."""

import re
from html.parser import HTMLParser

import pytest

from hypogal.markdown import render

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<svg><script>alert(1)</script></svg>",
    '<div onmouseover="alert(1)">hover</div>',
    "[x](vbscript:msgbox(1))",
    '<object data="x.swf"></object><embed src="x.swf">',
    "<form action=https://evil.example><input name=p></form>",
    '[x](https://ok.example "title" onclick="alert(1)")',
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    '<base href="https://evil.example/">',
]

FORBIDDEN_TAGS = {"script", "iframe", "style", "object", "embed", "form", "input", "svg", "math",
                  "meta", "base", "link"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "xlink:href", "formaction"}


class ElementCollector(HTMLParser):
    """What a browser would build: the real elements and attributes, not escaped text."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def problems(html):
    found = []
    for tag, attrs in ElementCollector(html).elements:
        if tag in FORBIDDEN_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag}[{name}]")
            scheme = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in URL_ATTRIBUTES and re.match(r"(javascript|vbscript|data):", scheme):
                found.append(f"{tag}[{name}={value}]")
    return found


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_is_inert(payload):
    rendered = render(f"Intro paragraph.\n\n{payload}\n\nOutro.\n\n## {payload}\n")
    assert problems(rendered.html) == [], rendered.html
    assert problems(rendered.toc_html) == [], rendered.toc_html
    assert "Outro." in rendered.html


def test_the_checker_itself_catches_live_markup():
    assert problems('<p><img src=x onerror="alert(1)"><a href="javascript:x">a</a></p>') == [
        "img[onerror]", "a[href=javascript:x]"
    ]


def test_raw_html_is_shown_as_text_not_markup():
    html = render("Hello <b>bold</b>").html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_safe_markdown_survives():
    html = render(
        "## Signs\n\n- **Neck** pulls to one side\n- *Tremor*\n\n"
        "[NHS](https://www.nhs.uk/) and ![a chart](/media/chart.png)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    ).html
    assert "<strong>Neck</strong>" in html and "<em>Tremor</em>" in html
    assert 'href="https://www.nhs.uk/"' in html
    assert '<img alt="a chart" src="/media/chart.png">' in html
    assert "<table>" in html


def test_headings_get_anchors_and_a_table_of_contents():
    rendered = render("## What is it?\n\ntext\n\n### Causes\n\ntext\n\n## Treatment\n\ntext")
    assert '<h2 id="what-is-it">' in rendered.html
    assert 'href="#what-is-it"' in rendered.html  # the heading's own permalink
    for anchor in ("#what-is-it", "#causes", "#treatment"):
        assert f'href="{anchor}"' in rendered.toc_html
    assert [level for level, _, _ in rendered.headings] == [2, 3, 2]


def test_no_headings_means_no_table_of_contents():
    assert render("Just a paragraph.").toc_html == ""


def test_uploaded_images_in_the_text_get_their_size(media_root):
    from tests import images

    (media_root / "uploads").mkdir()
    (media_root / "uploads" / "chart.png").write_bytes(images.png_bytes(40, 30))
    html = render("![A chart](/media/uploads/chart.png) ![gone](/media/uploads/missing.png)").html
    assert (
        '<img alt="A chart" src="/media/uploads/chart.png" width="40" height="30" loading="lazy"'
        in html
    )
    assert '<img alt="gone" src="/media/uploads/missing.png">' in html
    outside = render("![x](/media/../settings.py)").html
    assert "width=" not in outside


def test_the_link_in_each_heading_is_for_the_mouse_only():
    # Read aloud, it made every heading end in "number sign"; a keyboard stopped on each one.
    html = render("## How is it treated?\n\nBotox.\n\n## Does it hurt?\n\nA bit.").html
    links = re.findall(r'<a class="headerlink"[^>]*>', html)
    assert len(links) == 2
    assert all('aria-hidden="true"' in link and 'tabindex="-1"' in link for link in links)
