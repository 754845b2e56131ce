"""WordPress eXtended RSS (WXR 1.0–1.2) → plain dataclasses. Reads; never writes.

The file comes from outside, so it is parsed with defusedxml with DTDs forbidden outright: a
WordPress export never has one, and every entity trick (billion laughs, external entities that
read local files or fetch URLs) needs one. Whatever is wrong with the file is raised as
``WXRError`` with a message the author can act on, before anything is written.
"""

import datetime as dt
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as safe_parse
from django.utils import timezone

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
NO_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """The file is not a WordPress export we can read: nothing has been written."""


@dataclass
class Term:
    domain: str  # "category" or "post_tag"
    slug: str
    name: str
    description: str = ""


@dataclass
class Author:
    id: int
    login: str
    email: str = ""
    display_name: str = ""


@dataclass
class Comment:
    id: int
    author: str
    email: str
    date: dt.datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "" / "comment", "pingback", "trackback", …
    parent_id: int
    user_id: int


@dataclass
class Item:
    """A post, page or attachment (WordPress keeps them all in one table)."""

    id: int
    post_type: str
    title: str
    link: str
    slug: str
    status: str
    date: dt.datetime | None
    content: str
    excerpt: str
    creator: str
    parent_id: int = 0
    menu_order: int = 0
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # [Term]
    comments: list = field(default_factory=list)  # [Comment]
    meta: dict = field(default_factory=dict)

    @property
    def thumbnail_id(self):
        value = self.meta.get("_thumbnail_id", "")
        return int(value) if value.isascii() and value.isdigit() else None


@dataclass
class Export:
    version: str
    title: str
    base_site_url: str
    base_blog_url: str
    authors: dict  # login -> Author
    categories: list  # [Term] declared in the channel
    items: list  # [Item], every post type

    def of_type(self, post_type):
        return [item for item in self.items if item.post_type == post_type]

    @property
    def attachments(self):
        return {item.id: item for item in self.of_type("attachment")}


def parse(path):
    """Read the export at ``path``; raise WXRError for anything unreadable or unsafe."""
    try:
        tree = safe_parse(path, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise WXRError(
            f"Refused: the file declares a DTD or entities ({type(error).__name__}). A WordPress "
            "export never does; this file may be crafted to attack the importer."
        ) from None
    except ParseError as error:
        line, column = error.position
        raise WXRError(
            f"The file is not well-formed XML (line {line}, column {column}): it may be "
            "truncated or damaged. Export it again from WordPress (Tools → Export)."
        ) from None
    except OSError as error:
        raise WXRError(f"Cannot read the file: {error}") from None
    channel = tree.getroot().find("channel")
    wp = _wp_namespace(channel)
    if channel is None or wp is None:
        raise WXRError("This is not a WordPress export: no <wp:wxr_version> in its <channel>.")
    reader = _Reader(wp)
    return Export(
        version=reader.text(channel, "wxr_version"),
        title=_text(channel, "title"),
        base_site_url=reader.text(channel, "base_site_url"),
        base_blog_url=reader.text(channel, "base_blog_url"),
        authors={a.login: a for a in map(reader.author, channel.findall(f"{wp}author"))},
        categories=[reader.category(node) for node in channel.findall(f"{wp}category")],
        items=[reader.item(node, n) for n, node in enumerate(channel.findall("item"), 1)],
    )


def _wp_namespace(channel):
    # WXR 1.0, 1.1 and 1.2 differ in their namespace URI only for what we read.
    if channel is None:
        return None
    for child in channel:
        if child.tag.endswith("}wxr_version") and child.tag.startswith("{http://wordpress.org"):
            return child.tag[: -len("wxr_version")]
    return None


def _text(node, tag):
    found = node.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _raw(node, tag):
    # Post bodies keep their whitespace: blank lines are WordPress's paragraphs.
    found = node.find(tag)
    return (found.text or "") if found is not None else ""


class _Reader:
    def __init__(self, wp):
        self.wp = wp
        self.excerpt = "{" + wp.strip("{}").rstrip("/") + "/excerpt/}"

    def text(self, node, tag):
        return _text(node, self.wp + tag)

    def number(self, node, tag, what, required=False):
        value = self.text(node, tag)
        if value.isascii() and value.isdigit():
            return int(value)
        if required or value:
            raise WXRError(f"{what} has an invalid <wp:{tag}>: {value!r}.")
        return 0

    def author(self, node):
        return Author(
            id=self.number(node, "author_id", "An author"),
            login=self.text(node, "author_login"),
            email=self.text(node, "author_email"),
            display_name=self.text(node, "author_display_name"),
        )

    def category(self, node):
        return Term(
            domain="category",
            slug=self.text(node, "category_nicename"),
            name=self.text(node, "cat_name"),
            description=self.text(node, "category_description"),
        )

    def item(self, node, position):
        title = _text(node, "title")
        what = f"Item {position} (“{title}”)"
        item = Item(
            id=self.number(node, "post_id", what, required=True),
            post_type=self.text(node, "post_type") or "post",
            title=title,
            link=_text(node, "link"),
            slug=self.text(node, "post_name"),
            status=self.text(node, "status"),
            date=self.date(node, "post_date", what),
            content=_raw(node, CONTENT + "encoded"),
            excerpt=_raw(node, self.excerpt + "encoded"),
            creator=_text(node, DC + "creator"),
            parent_id=self.number(node, "post_parent", what),
            menu_order=self.number(node, "menu_order", what),
            attachment_url=self.text(node, "attachment_url"),
        )
        for term in node.findall("category"):
            item.terms.append(
                Term(term.get("domain", ""), term.get("nicename", ""), (term.text or "").strip())
            )
        for meta in node.findall(self.wp + "postmeta"):
            item.meta[self.text(meta, "meta_key")] = self.text(meta, "meta_value")
        item.comments = [self.comment(c, what) for c in node.findall(self.wp + "comment")]
        return item

    def comment(self, node, what):
        cid = self.number(node, "comment_id", f"A comment on {what}", required=True)
        where = f"Comment {cid} on {what}"
        return Comment(
            id=cid,
            author=self.text(node, "comment_author"),
            email=self.text(node, "comment_author_email"),
            date=self.date(node, "comment_date", where),
            content=_raw(node, self.wp + "comment_content"),
            approved=self.text(node, "comment_approved"),
            type=self.text(node, "comment_type"),
            parent_id=self.number(node, "comment_parent", where),
            user_id=self.number(node, "comment_user_id", where),
        )

    def date(self, node, tag, what):
        """The UTC (``*_gmt``) date, else the blog's local date read in our time zone.

        Drafts have "0000-00-00 00:00:00": no date, which is what they are.
        """
        gmt, local = self.text(node, tag + "_gmt"), self.text(node, tag)
        for value, zone in ((gmt, dt.timezone.utc), (local, timezone.get_current_timezone())):
            if value and value != NO_DATE:
                try:
                    naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
                except ValueError:
                    raise WXRError(f"{what} has an invalid <wp:{tag}>: {value!r}.") from None
                return timezone.make_aware(naive, zone)
        return None
