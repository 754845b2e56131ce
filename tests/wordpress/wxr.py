"""Build WordPress exports (WXR 1.2) in the test, shaped as WordPress's Tools → Export writes
them: channel header, authors, categories, then items (posts, pages, attachments, menu items)
with postmeta and comments. Content sits in CDATA, as WordPress puts it."""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

BLOG = "https://hypogal.wordpress.example"


def cdata(text):
    # WordPress splits "]]>" inside content the same way.
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class WPComment:
    id: int
    author: str = "A reader"
    email: str = "reader@example.org"
    content: str = "Thank you for writing this."
    approved: str = "1"
    parent: int = 0
    user_id: int = 0
    type: str = "comment"
    date_gmt: str = "2019-03-13 10:00:00"

    def xml(self):
        return f"""
      <wp:comment>
        <wp:comment_id>{self.id}</wp:comment_id>
        <wp:comment_author>{cdata(self.author)}</wp:comment_author>
        <wp:comment_author_email>{escape(self.email)}</wp:comment_author_email>
        <wp:comment_author_url>https://reader.example/</wp:comment_author_url>
        <wp:comment_author_IP>203.0.113.7</wp:comment_author_IP>
        <wp:comment_date>{self.date_gmt}</wp:comment_date>
        <wp:comment_date_gmt>{self.date_gmt}</wp:comment_date_gmt>
        <wp:comment_content>{cdata(self.content)}</wp:comment_content>
        <wp:comment_approved>{escape(self.approved)}</wp:comment_approved>
        <wp:comment_type>{escape(self.type)}</wp:comment_type>
        <wp:comment_parent>{self.parent}</wp:comment_parent>
        <wp:comment_user_id>{self.user_id}</wp:comment_user_id>
      </wp:comment>"""


@dataclass
class WPItem:
    id: int
    title: str
    slug: str = ""
    post_type: str = "post"
    status: str = "publish"
    content: str = ""
    excerpt: str = ""
    date_gmt: str = "2019-03-12 09:30:00"
    link: str = ""
    creator: str = "jane"
    parent: int = 0
    categories: list = field(default_factory=list)  # [(slug, name)]
    tags: list = field(default_factory=list)  # [(slug, name)]
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    attachment_url: str = ""

    def xml(self):
        link = self.link or (f"{BLOG}/2019/03/12/{self.slug}/" if self.slug else f"{BLOG}/?p={self.id}")
        terms = "".join(
            f'\n      <category domain="{domain}" nicename="{escape(slug)}">{cdata(name)}</category>'
            for domain, pairs in (("category", self.categories), ("post_tag", self.tags))
            for slug, name in pairs
        )
        meta = "".join(
            f"\n      <wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
            for k, v in self.meta.items()
        )
        attachment = (f"\n      <wp:attachment_url>{escape(self.attachment_url)}</wp:attachment_url>"
                      if self.attachment_url else "")
        local = self.date_gmt
        gmt = self.date_gmt if self.status not in ("draft", "pending") else "0000-00-00 00:00:00"
        return f"""
    <item>
      <title>{escape(self.title)}</title>
      <link>{escape(link)}</link>
      <pubDate>Tue, 12 Mar 2019 09:30:00 +0000</pubDate>
      <dc:creator>{cdata(self.creator)}</dc:creator>
      <guid isPermaLink="false">{BLOG}/?p={self.id}</guid>
      <description></description>
      <content:encoded>{cdata(self.content)}</content:encoded>
      <excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>
      <wp:post_id>{self.id}</wp:post_id>
      <wp:post_date>{cdata(local)}</wp:post_date>
      <wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>
      <wp:post_modified>{cdata(local)}</wp:post_modified>
      <wp:post_modified_gmt>{cdata(local)}</wp:post_modified_gmt>
      <wp:comment_status>{cdata("open")}</wp:comment_status>
      <wp:ping_status>{cdata("open")}</wp:ping_status>
      <wp:post_name>{cdata(self.slug)}</wp:post_name>
      <wp:status>{cdata(self.status)}</wp:status>
      <wp:post_parent>{self.parent}</wp:post_parent>
      <wp:menu_order>0</wp:menu_order>
      <wp:post_type>{cdata(self.post_type)}</wp:post_type>
      <wp:post_password>{cdata("")}</wp:post_password>
      <wp:is_sticky>0</wp:is_sticky>{attachment}{terms}{meta}{"".join(c.xml() for c in self.comments)}
    </item>"""


def attachment(id, path, parent=0, alt="", caption="", title=None):
    return WPItem(
        id=id, title=title or path.rsplit("/", 1)[-1].rsplit(".", 1)[0], slug=f"attachment-{id}",
        post_type="attachment", status="inherit", parent=parent, excerpt=caption,
        attachment_url=f"{BLOG}/wp-content/uploads/{path}",
        meta={"_wp_attached_file": path, "_wp_attachment_image_alt": alt},
    )


def document(items, *, categories=(), version="1.2", preamble=""):
    cats = "".join(
        f"""
    <wp:category>
      <wp:term_id>{n}</wp:term_id>
      <wp:category_nicename>{cdata(slug)}</wp:category_nicename>
      <wp:category_parent>{cdata("")}</wp:category_parent>
      <wp:cat_name>{cdata(name)}</wp:cat_name>
      <wp:category_description>{cdata(description)}</wp:category_description>
    </wp:category>"""
        for n, (slug, name, description) in enumerate(categories, 1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8" ?>{preamble}
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{version}/">
  <channel>
    <title>Rocks in My Neck</title>
    <link>{BLOG}</link>
    <description>Living with rare conditions</description>
    <pubDate>Mon, 01 Jun 2020 10:00:00 +0000</pubDate>
    <language>en-GB</language>
    <wp:wxr_version>{version}</wp:wxr_version>
    <wp:base_site_url>{BLOG}</wp:base_site_url>
    <wp:base_blog_url>{BLOG}</wp:base_blog_url>
    <wp:author>
      <wp:author_id>1</wp:author_id>
      <wp:author_login>{cdata("jane")}</wp:author_login>
      <wp:author_email>{cdata("jane@example.org")}</wp:author_email>
      <wp:author_display_name>{cdata("Jane Doe")}</wp:author_display_name>
    </wp:author>{cats}
    <generator>https://wordpress.org/?v=6.5</generator>{"".join(i.xml() for i in items)}
  </channel>
</rss>
"""
