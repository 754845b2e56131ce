"""Reading the export: WXR 1.1 and 1.2, and the files it must refuse before writing anything."""

import time

import pytest

from hypogal.wordpress.parser import WXRError, parse
from tests.wordpress.conftest import CATEGORIES, blog_items
from tests.wordpress.wxr import BLOG, WPItem, document

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def malicious(tmp_path, kind):
    """A real-looking export whose post title is an entity bomb or reads a local file."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-SERVER-FILE")
    if kind == "billion_laughs":
        dtd, title = BILLION_LAUGHS, "&lol9;"
    else:
        dtd = f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        title = "&xxe;"
    xml = document([WPItem(id=1, title="PLACEHOLDER", slug="p", content="x")])
    xml = xml.split("\n", 1)[1].replace("<title>PLACEHOLDER</title>", f"<title>{title}</title>")
    path = tmp_path / f"{kind}.xml"
    path.write_text(dtd + "\n" + xml)
    return path


def test_reads_the_blog(tmp_path):
    path = tmp_path / "e.xml"
    path.write_text(document(blog_items(), categories=CATEGORIES))
    export = parse(path)
    assert (export.version, export.title, export.base_blog_url) == ("1.2", "Rocks in My Neck", BLOG)
    assert export.authors["jane"].display_name == "Jane Doe"
    assert [c.name for c in export.categories][:2] == ["Cervical dystonia",
                                                       "Relapsing polychondritis"]
    posts = export.of_type("post")
    assert [p.id for p in posts] == [101, 102, 103, 104, 105]
    overview = posts[0]
    assert overview.date.isoformat() == "2019-03-12T09:30:00+00:00"
    assert overview.thumbnail_id == 201
    assert len(overview.comments) == 7 and overview.comments[2].parent_id == 2
    assert ("category", "cervical-dystonia", "Cervical dystonia") == (
        overview.terms[0].domain, overview.terms[0].slug, overview.terms[0].name)
    assert "[caption" in overview.content and "\n\n" in overview.content
    assert [p.status for p in posts] == ["publish", "publish", "draft", "future", "private"]
    assert set(export.attachments) == {201, 202, 203}


def test_reads_wxr_1_1(tmp_path):
    path = tmp_path / "e.xml"
    path.write_text(document([WPItem(id=9, title="Old", slug="old", excerpt="Short.")],
                             version="1.1"))
    export = parse(path)
    assert export.version == "1.1"
    assert export.of_type("post")[0].excerpt == "Short."


@pytest.mark.parametrize("kind", ["billion_laughs", "external_entity"])
def test_entity_tricks_are_refused_without_expanding_or_reading(tmp_path, kind):
    started = time.monotonic()
    with pytest.raises(WXRError, match="Refused: the file declares a DTD"):
        parse(malicious(tmp_path, kind))
    assert time.monotonic() - started < 2  # nothing was expanded


@pytest.mark.parametrize(
    "text, message",
    [
        (None, "not well-formed XML .*truncated"),
        ("<rss><channel><title>x</title></channel></rss>", "not a WordPress export"),
        ("just text", "not well-formed"),
    ],
)
def test_unreadable_files_are_a_clear_error(tmp_path, text, message):
    path = tmp_path / "bad.xml"
    if text is None:
        whole = document(blog_items(), categories=CATEGORIES)
        text = whole[: len(whole) // 2]  # the download stopped half way
    path.write_text(text)
    with pytest.raises(WXRError, match=message):
        parse(path)


def test_an_item_without_a_valid_id_is_a_clear_error(tmp_path):
    path = tmp_path / "e.xml"
    path.write_text(document([WPItem(id=1, title="Fine", slug="fine")]).replace(
        "<wp:post_id>1</wp:post_id>", "<wp:post_id>one</wp:post_id>"))
    with pytest.raises(WXRError, match="Item 1 .*Fine.* invalid <wp:post_id>"):
        parse(path)
