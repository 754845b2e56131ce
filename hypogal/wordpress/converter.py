"""A WordPress post body (HTML + shortcodes) → clean markdown for the site's own renderer.

Pure: it reads strings and returns strings, warnings and the images it found; the importer
does every write. Images are replaced by tokens (``ImageRef.token``) because only the importer
knows what each becomes: a stored file's address in an article, a ``[photo N]`` in a story.

Nothing is silently dropped: scripts, forms and embeds are removed or reduced to a link and
each is named in a warning. The markdown is then rendered by ``hypogal.markdown.render``, which
shows any raw HTML as text and sanitizes the result, so what comes in can never run.
"""

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Comment
from markdownify import MarkdownConverter

from hypogal.wordpress import autop
from hypogal.wordpress.shortcodes import SHORTCODE, Expander

UPLOADS = re.compile(r"/wp-content/uploads/(.+)$")
REMOVED = ("script", "style", "template")
EMBEDS = ("iframe", "embed", "object", "video", "audio")
FORM_FIELDS = ("input", "button", "select", "textarea")


@dataclass
class ImageRef:
    token: str  # stands in the markdown where the image goes
    src: str  # the address as written in the post
    alt: str
    caption: str  # plain text
    attachment_id: int | None
    upload_path: str | None  # the file inside wp-content/uploads; None for other hosts


@dataclass
class Converted:
    markdown: str
    text: str  # plain text of the body, for a summary
    images: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def upload_path(url):
    """"https://blog/wp-content/uploads/2019/03/a.jpg?w=300" → "2019/03/a.jpg" (or None)."""
    match = UPLOADS.search(unquote(urlsplit(url).path))
    return match.group(1) if match else None


def plain_text(html_text):
    """One line of text from HTML: for excerpts and summaries."""
    without_shortcodes = SHORTCODE.sub(lambda m: m.group(5) or "", html_text or "")
    soup = BeautifulSoup(without_shortcodes, "html.parser")
    return " ".join(soup.get_text(" ").split())


def comment_text(html_text):
    """A reader's comment → the plain text the site shows (it escapes and links it itself).

    WordPress comments are text with a little HTML; a link's address is kept beside its words.
    """
    soup = BeautifulSoup(html_text or "", "html.parser")
    for link in soup.find_all("a", href=True):
        words, href = link.get_text(), link["href"]
        link.replace_with(words if href in words else f"{words} ({href})".strip())
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.append("\n\n")
    lines = [" ".join(line.split()) for line in soup.get_text().replace("\r", "").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def convert(content, *, post_id=0, attachments=None, site_hosts=()):
    """Convert one post body. ``site_hosts``: the old blog's host names, for its own links."""
    return _Converter(post_id, attachments or {}, {h.lower() for h in site_hosts if h}).run(
        content or ""
    )


# WordPress text that markdown would read as structure: "1986. The year…" (a list), "---" (a
# rule, or a heading underline), "#dystonia" (a heading), "> " and "+ " at a line's start. Each
# is escaped with a backslash markdown itself removes; markdownify's escape_misc would also
# escape & < = ~ |, which the site's renderer shows as written, backslash and all. Only at the
# start of a line (of a text, or after a newline in it): "3 - 4" or "#dystonia" within a line
# is plain text to markdown, and a backslash there would only clutter the text she edits.
_STRUCTURE = [
    (re.compile(r"^([^\S\n]*)(-+(?:\s|$))", re.MULTILINE), r"\1\\\2"),
    (re.compile(r"^([^\S\n]*)(#)", re.MULTILINE), r"\1\\\2"),
    (re.compile(r"^([^\S\n]*[0-9]{1,9})([.)](?:\s|$))", re.MULTILINE), r"\1\\\2"),
    (re.compile(r"^([^\S\n]*)([>+](?:\s|$))", re.MULTILINE), r"\1\\\2"),
]
# Python-Markdown nests a list only when it is indented by four spaces.
_NESTED_INDENT = 4


class _Markdown(MarkdownConverter):
    def convert_h1(self, el, text, parent_tags):
        # The page title is the only <h1>; the body's headings start at <h2>.
        return self.convert_hN(2, el, text, parent_tags)

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        if "_noformat" in parent_tags or "pre" in parent_tags or "code" in parent_tags:
            return text

        def structure(part):
            for pattern, replacement in _STRUCTURE:
                part = pattern.sub(replacement, part)
            return part

        return _outside_code(text, structure)

    def convert_li(self, el, text, parent_tags):
        item = super().convert_li(el, text, parent_tags)
        first, newline, rest = item.partition("\n")
        bullet = len(first) - len(first.split(" ", 1)[-1]) if " " in first else 0
        extra = " " * max(0, _NESTED_INDENT - bullet)
        rest = "\n".join(extra + line if line.strip() else line for line in rest.split("\n"))
        return first + newline + rest

    def convert_td(self, el, text, parent_tags):
        # A "|" in a cell would end the cell: the table extension reads "\|" as the character
        # (inside `code` it needs nothing, and a backslash there would show).
        return super().convert_td(el, _pipes_escaped(text), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, _pipes_escaped(text), parent_tags)


_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)


def _outside_code(text, change):
    """``change`` applied to the text between `code` spans, the spans kept as written."""
    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        pieces += [change(text[last : span.start()]), span.group()]
        last = span.end()
    return "".join([*pieces, change(text[last:])])


def _pipes_escaped(text):
    return _outside_code(text, lambda part: part.replace("|", "\\|"))


class _Converter:
    def __init__(self, post_id, attachments, hosts):
        self.post_id, self.attachments, self.hosts = post_id, attachments, hosts
        self.nonce = uuid.uuid4().hex[:10]
        self.images, self.warnings = [], []

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    def run(self, content):
        html_text = Expander(post_id=self.post_id, attachments=self.attachments,
                             warn=self.warn).expand(content)
        if "<!-- wp:" not in html_text:
            # Classic-editor posts keep paragraphs as blank lines; block-editor posts have <p>s.
            html_text = autop.autop(html_text)
        soup = BeautifulSoup(html_text, "html.parser")
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()  # block-editor delimiters and <!--more-->: not content
        self.remove_unsafe(soup)
        self.flatten_galleries(soup)
        for img in soup.find_all("img"):
            self.image(soup, img)
        for link in soup.find_all("a", href=True):
            self.link(link)
        text = re.sub(rf"wpimg{self.nonce}n\d+z", " ", soup.get_text(" "))
        text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split()))
        markdown = _Markdown(
            heading_style="atx", bullets="-", strong_em_symbol="*", autolinks=False,
            table_infer_header=True,  # WordPress tables rarely mark a header row
        )
        body = markdown.convert_soup(soup).replace("\xa0", " ")
        body = re.sub(r"[ \t]+\n\n", "\n\n", body)
        body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
        return Converted(body, text, self.images, self.warnings)

    def remove_unsafe(self, soup):
        for tag in soup.find_all(REMOVED):
            source = f" ({tag['src']})" if tag.get("src") else ""
            self.warn(f"Removed a <{tag.name}>{source}: it cannot run on the new site.")
            tag.decompose()
        for figure in soup.select("figure.wp-block-embed"):
            link = figure.find("a", href=True)
            self.as_link(soup, figure, link["href"] if link else figure.get_text().strip())
        for tag in soup.find_all(EMBEDS):
            if not any(parent is soup for parent in tag.parents):
                continue  # inside an <object> already replaced
            source = tag.find("source", src=True)
            url = tag.get("src") or tag.get("data") or (source["src"] if source else "")
            self.as_link(soup, tag, url)
        for form in soup.find_all("form"):
            self.warn("Removed a form: forms are not carried over.")
            form.decompose()
        for tag in soup.find_all(FORM_FIELDS):
            self.warn(f"Removed a form field (<{tag.name}>).")
            tag.decompose()
        for tag in soup.find_all("noscript"):
            tag.unwrap()

    def as_link(self, soup, tag, url):
        url = (url or "").strip()
        if not re.match(r"https?://", url):
            self.warn(f"Removed an embedded <{tag.name}> without a web address.")
            tag.decompose()
            return
        self.warn(f"An embedded {tag.name} became a plain link (embeds are not carried over): "
                  f"{url}")
        paragraph = soup.new_tag("p")
        anchor = soup.new_tag("a", href=url)
        anchor.string = url
        paragraph.append(anchor)
        tag.replace_with(paragraph)

    def flatten_galleries(self, soup):
        # A block-editor gallery is a list of figures: make it a run of single figures so each
        # image is handled (and placed) like any other captioned image.
        for gallery in soup.select("figure.wp-block-gallery"):
            figures = []
            for img in gallery.find_all("img"):
                own = img.find_parent("figure")
                caption = own.find("figcaption") if own is not gallery else None
                figure = soup.new_tag("figure")
                figure.append(img.extract())
                if caption:
                    figure.append(caption.extract())
                figures.append(figure)
            gallery_caption = gallery.find("figcaption")
            for figure in figures:
                gallery.insert_before(figure)
            if gallery_caption and gallery_caption.get_text(strip=True):
                paragraph = soup.new_tag("p")
                paragraph.string = gallery_caption.get_text(" ", strip=True)
                gallery.insert_before(paragraph)
            gallery.decompose()

    def image(self, soup, img):
        src = (img.get("src") or img.get("data-src") or "").strip()
        figure = img.find_parent("figure")
        if figure is not None and len(figure.find_all("img")) != 1:
            figure = None
        caption = figure.find("figcaption") if figure is not None else None
        target = figure
        if target is None:
            link = img.parent if img.parent is not None and img.parent.name == "a" else None
            only_child = link is not None and not link.get_text(strip=True)
            target = link if only_child and len(link.find_all("img")) == 1 else img
        link = target if target.name == "a" else img.find_parent("a", href=True)
        if link is not None and (link is target or figure is not None):
            self.unlinked(link.get("href"), src)
        if not src:
            self.warn("Left out an image without an address.")
            target.decompose()
            return
        ref = ImageRef(
            token=f"wpimg{self.nonce}n{len(self.images)}z",
            src=src,
            alt=" ".join(img.get("alt", "").split()),
            caption=" ".join(caption.get_text(" ").split()) if caption else "",
            attachment_id=self.attachment_id(img, figure),
            upload_path=upload_path(src),
        )
        self.images.append(ref)
        if figure is not None:
            paragraph = soup.new_tag("p")
            paragraph.string = ref.token
            target.replace_with(paragraph)
        else:
            target.replace_with(ref.token)

    def unlinked(self, href, src):
        # A link around an image usually opens the full-size file or its attachment page;
        # both go with the old site. A link elsewhere is worth telling the author about.
        if not href or href == src or upload_path(href) or self.is_old_site(href):
            return
        self.warn(f"Removed the link around an image (to {href}); add it to the text if needed.")

    @staticmethod
    def attachment_id(img, figure):
        classes = " ".join(img.get("class", []))
        match = re.search(r"wp-image-(\d+)", classes)
        value = match.group(1) if match else img.get("data-id", "")
        if not value and figure is not None:
            value = figure.get("data-attachment", "")
        return int(value) if str(value).isascii() and str(value).isdigit() else None

    def is_old_site(self, href):
        return urlsplit(href).netloc.lower() in self.hosts

    def link(self, link):
        href = link["href"].strip()
        parts = urlsplit(href)
        if not (self.is_old_site(href) or (not parts.netloc and href.startswith("/"))):
            return
        path = upload_path(href)
        if path:
            self.warn(f"A link to the uploaded file {path} still points at the old site: only "
                      "images shown in posts are imported.")
            return
        # Links to the old blog's own posts become paths on this site: the legacy redirects
        # then send them to wherever the post lives now, even after a later slug change.
        link["href"] = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def summarize(text, limit=300):
    """The first sentence(s) that fit in ``limit`` characters; a long first sentence is cut at
    a word and marked with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    summary = ""
    for sentence in re.split(r"(?<=[.!?…])\s+", text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            break
        summary = candidate
    if summary:
        return summary
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
