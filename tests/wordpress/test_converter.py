"""WordPress HTML + shortcodes → markdown that the site's own renderer turns into clean HTML."""

import pytest

from hypogal.markdown import render
from hypogal.wordpress.converter import comment_text, convert, plain_text, summarize
from hypogal.wordpress.parser import Item
from tests.wordpress.wxr import BLOG


def html_of(converted):
    return render(converted.markdown).html


def test_classic_editor_paragraphs_and_line_breaks_survive():
    converted = convert("First paragraph\nsame paragraph.\n\nSecond paragraph.")
    assert converted.markdown == "First paragraph  \nsame paragraph.\n\nSecond paragraph.\n"
    assert html_of(converted).count("<p>") == 2


def test_headings_lists_links_emphasis_blockquotes():
    converted = convert(
        "<h1>Big</h1><h2>Section</h2>Some <strong>bold</strong>, <em>soft</em> and "
        '<a href="https://nhs.example/cd">a link</a>.\n\n<ol><li>one</li><li>two</li></ol>'
        "<ul><li>a</li></ul>\n\n<blockquote>Said once.\n\nSaid twice.</blockquote>"
    )
    md = converted.markdown
    assert "## Big" in md  # the page title is the only h1
    assert "## Section" in md
    assert "**bold**" in md and "*soft*" in md
    assert "[a link](https://nhs.example/cd)" in md
    assert "1. one\n2. two" in md and "- a" in md
    assert "> Said once.\n>\n> Said twice." in md
    html = html_of(converted)
    for tag in ("<h2", "<strong>", "<em>", "<ol>", "<ul>", "<blockquote>", 'href="https://nhs'):
        assert tag in html
    assert converted.warnings == []


def test_block_editor_content_is_not_reflowed_and_its_comments_go():
    converted = convert(
        "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:paragraph -->\n<p>Two</p>\n<!-- /wp:paragraph --><!--more-->"
    )
    assert converted.markdown == "One\n\nTwo\n"


def test_pre_keeps_its_line_breaks():
    converted = convert("Code:\n\n<pre>line one\n\nline   two</pre>")
    assert "```\nline one\n\nline   two\n```" in converted.markdown


def test_caption_shortcode_becomes_an_image_with_its_caption():
    converted = convert(
        '[caption id="attachment_9" align="alignleft" width="300"]<a href="'
        f'{BLOG}/wp-content/uploads/2019/03/a.jpg"><img class="wp-image-9" '
        f'src="{BLOG}/wp-content/uploads/2019/03/a-300x200.jpg" alt="Alt words" /></a>'
        " My <em>caption</em>[/caption]"
    )
    (ref,) = converted.images
    assert (ref.alt, ref.caption, ref.attachment_id) == ("Alt words", "My caption", 9)
    assert ref.upload_path == "2019/03/a-300x200.jpg"
    assert converted.markdown.strip() == ref.token  # a paragraph of its own
    assert converted.warnings == []


def test_old_style_caption_attribute():
    converted = convert(
        '[caption id="attachment_9" caption="From the attribute"]<img src="/x.jpg" />[/caption]'
    )
    assert converted.images[0].caption == "From the attribute"


def test_block_editor_image_and_gallery_blocks():
    converted = convert(
        '<!-- wp:image --><figure class="wp-block-image"><img src="/wp-content/uploads/1.jpg" '
        'alt="one"/><figcaption>First</figcaption></figure><!-- /wp:image -->'
        '<figure class="wp-block-gallery"><ul><li><figure><img src="/wp-content/uploads/2.jpg" '
        'alt="two" data-id="22"/><figcaption>Second</figcaption></figure></li><li><figure>'
        '<img src="/wp-content/uploads/3.jpg" alt="three"/></figure></li></ul>'
        '<figcaption class="blocks-gallery-caption">Our trip</figcaption></figure>'
    )
    assert [(i.alt, i.caption, i.attachment_id) for i in converted.images] == [
        ("one", "First", None), ("two", "Second", 22), ("three", "", None)
    ]
    assert "Our trip" in converted.markdown
    assert "- " not in converted.markdown  # the gallery is no longer a bulleted list


def test_gallery_shortcode_uses_the_attachments():
    attachments = {
        5: Item(id=5, post_type="attachment", title="a", link="", slug="", status="inherit",
                date=None, content="", excerpt="Caption five", creator="", parent_id=1,
                attachment_url=f"{BLOG}/wp-content/uploads/2020/01/five.jpg",
                meta={"_wp_attachment_image_alt": "Alt five"}),
    }
    converted = convert('[gallery ids="5,6" columns="2"]', attachments=attachments)
    (ref,) = converted.images
    assert (ref.alt, ref.caption, ref.upload_path) == ("Alt five", "Caption five",
                                                       "2020/01/five.jpg")
    assert converted.warnings == ["Gallery image 6 is not in the export; it was left out."]
    # Without ids: the images uploaded to this post.
    assert len(convert("[gallery]", post_id=1, attachments=attachments).images) == 1


def test_what_cannot_be_converted_is_reported_never_silently_dropped():
    converted = convert(
        'Before.\n\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n'
        "<script>steal()</script><style>p{}</style>\n"
        '[contact-form-7 id="3" title="Contact"]\n[embed]https://vimeo.example/1[/embed]\n'
        '[myplugin]Inner words[/myplugin]\n<form action="/x"><input name="q"></form>\n'
        "[sic] and [[gallery]]"
    )
    md, warnings = converted.markdown, " | ".join(converted.warnings)
    assert "[https://www.youtube.com/embed/abc](https://www.youtube.com/embed/abc)" in md
    assert "https://vimeo.example/1" in md
    assert "Inner words" in md  # an unknown shortcode's text is kept
    assert "[sic] and [gallery]" in md  # escaped shortcode, plain brackets
    assert "steal" not in md and "contact-form-7" not in md
    for expected in ("iframe became a plain link", "<script>", "<style>", "contact-form-7",
                     "embed became a plain link", "[myplugin]", "form", "“[sic]”"):
        assert expected in warnings, expected
    assert "<script" not in html_of(converted)


def test_raw_html_that_slips_through_is_shown_as_text_by_the_renderer():
    converted = convert('<p>x &lt;img src=x onerror=alert(1)&gt; <a href="javascript:alert(1)">'
                        "click</a></p>")
    html = html_of(converted)
    assert "<img" not in html and "javascript:" not in html


def test_links_to_the_old_blog_become_paths_that_redirect():
    converted = convert(
        f'<a href="{BLOG}/2019/03/12/other-post/#part">other</a> '
        f'<a href="{BLOG}/?p=42">short</a> <a href="{BLOG}/wp-content/uploads/guide.pdf">pdf</a>',
        site_hosts=["hypogal.wordpress.example"],
    )
    assert "[other](/2019/03/12/other-post/#part)" in converted.markdown
    assert "[short](/?p=42)" in converted.markdown
    assert f"({BLOG}/wp-content/uploads/guide.pdf)" in converted.markdown
    assert any("guide.pdf" in w for w in converted.warnings)


def test_an_image_link_to_elsewhere_is_reported():
    converted = convert('<a href="https://charity.example"><img src="/wp-content/uploads/a.jpg"'
                        ' alt="logo"></a>')
    assert converted.images[0].alt == "logo"
    assert any("https://charity.example" in w for w in converted.warnings)


def test_plain_text_summary_and_comment_text():
    assert plain_text("<p>Rocks &amp; <b>pebbles</b></p> [gallery]") == "Rocks & pebbles"
    first = "This is the first sentence. "
    assert summarize(first * 20) == (first * 10).strip()
    long_sentence = "word " * 100
    cut = summarize(long_sentence)
    assert len(cut) <= 300 and cut.endswith("…")
    assert comment_text('Hi <a href="https://x.example">there</a>\nLine two<br>three') == (
        "Hi there (https://x.example)\nLine two\nthree"
    )


def test_tables_and_code():
    converted = convert("<table><thead><tr><th>Drug</th><th>Dose</th></tr></thead><tbody><tr>"
                        "<td>Botox</td><td>100 units</td></tr></tbody></table>\n\n"
                        "Run <code>make test</code>.")
    assert "| Botox | 100 units |" in converted.markdown
    html = html_of(converted)
    assert "<td>Botox</td>" in html and "<code>make test</code>" in html


def test_text_that_looks_like_markdown_stays_text_and_nested_lists_stay_nested():
    converted = convert(
        "<ul><li>Neck<ul><li>pulling</li><li>tremor</li></ul></li><li>Shoulder</li></ul>"
        "<p>#dystonia awareness month</p><p>1986. The year it started.</p>"
        "<p>My diary</p><p>---</p><p>Tom &amp; Jerry = 5 ~ish, 3 + 4 &gt; 2</p>"
        "<table><tr><th>Dose</th><th>When</th></tr>"
        "<tr><td>100 | 200 units</td><td>May</td></tr></table>"
        "<pre><code>1986. as typed # here</code></pre>"
    )
    html = html_of(converted)
    assert "<li>Neck<ul>\n<li>pulling</li>" in html  # the sub-list inside its item
    assert "<p>#dystonia awareness month</p>" in html and "<h2" not in html
    assert "<p>1986. The year it started.</p>" in html and "<ol" not in html
    assert "<p>My diary</p>" in html and "<p>---</p>" in html and "<hr" not in html
    assert "<p>Tom &amp; Jerry = 5 ~ish, 3 + 4 &gt; 2</p>" in html  # no stray backslashes
    assert "<td>100 | 200 units</td>" in html and "<th>Dose</th>" in html
    assert "1986. as typed # here" in html and "\\" not in html


def test_code_is_left_as_written():
    converted = convert(
        "<table><tr><th>Command</th><th>Note</th></tr>"
        "<tr><td><code>ls | grep x</code></td><td>a | b</td></tr></table>"
        "<p>Type `a - b` and `x + y`.</p>"
    )
    html = html_of(converted)
    assert "<td><code>ls | grep x</code></td>" in html and "<td>a | b</td>" in html
    assert "<code>a - b</code>" in html and "<code>x + y</code>" in html
    assert "\\" not in html


def test_text_within_a_line_keeps_no_backslashes_in_the_markdown_she_edits():
    converted = convert(
        "<p>Dr Lee said 3 - 4 weeks, then 10. Maybe 2 + 2 &gt; 3 and #dystonia.</p>"
        "<p><em>Week</em> 2. was better.<br>- not a list<br># not a heading</p>"
    )
    assert "Dr Lee said 3 - 4 weeks, then 10. Maybe 2 + 2 > 3 and #dystonia." in (
        converted.markdown
    )
    html = html_of(converted)
    assert "<li>" not in html and "<h2" not in html
    assert "- not a list" in html and "# not a heading" in html and "\\" not in html


@pytest.mark.parametrize(
    "source, kept",
    [
        ("<p>&nbsp;#dystonia awareness week</p>", "#dystonia awareness week"),
        ("<p>&nbsp; 1986. The year it began.</p>", "1986. The year it began."),
        ("<p>&nbsp;- and then the pulling stopped</p>", "- and then the pulling stopped"),
    ],
)
def test_a_paragraph_starting_with_a_non_breaking_space_stays_a_paragraph(source, kept):
    # WordPress's classic editor often starts a paragraph with &nbsp;, dropped later on.
    html = render(convert(source).markdown).html
    assert f"<p>{kept}</p>" in html, html

