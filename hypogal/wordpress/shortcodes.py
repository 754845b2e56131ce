"""WordPress shortcodes → plain HTML the converter understands, plus warnings.

Shortcodes are text, not HTML, so they are expanded first (as WordPress itself does before the
page is built). ``[caption]`` and ``[gallery]`` become ``<figure>``s holding an ``<img>`` and a
``<figcaption>``: the converter then treats them exactly like the block editor's image blocks.
Media shortcodes keep their address as a link. Anything else cannot be converted: it is removed,
its inner text kept, and the shortcode quoted in a warning so the author can redo it by hand.
"""

import html
import re

# WordPress's own get_shortcode_regex(), without PHP's possessive quantifiers: [[x]] is an
# escaped literal, a shortcode is self-closing ([x /]), plain ([x]) or encloses ([x]…[/x]).
SHORTCODE = re.compile(
    r"\[(\[?)([a-zA-Z][\w-]*)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:(.*?)\[/\2\])?)(\]?)",
    re.DOTALL,
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))""")
# WordPress's split of a caption's content: the (linked) image, then the caption text.
CAPTION_PARTS = re.compile(r"^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$", re.S | re.I)
MEDIA = {"embed", "video", "audio", "playlist", "wpvideo", "youtube", "vimeo"}
MEDIA_SOURCES = ("src", "url", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "ogg", "wav",
                 "m4a", "wma")


def attributes(text):
    return {
        match.group(1).lower(): html.unescape(next(g for g in match.groups()[1:] if g is not None))
        for match in ATTRIBUTE.finditer(text or "")
    }


def _quote(text, limit=120):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _figure(image_html, caption_html, attachment_id=""):
    data = f' data-attachment="{html.escape(attachment_id)}"' if attachment_id else ""
    caption = f"<figcaption>{caption_html}</figcaption>" if caption_html.strip() else ""
    return f'<figure class="wp-caption"{data}>{image_html}{caption}</figure>'


class Expander:
    """Expands the shortcodes of one post. ``attachments``: {id: parser.Item}."""

    def __init__(self, *, post_id, attachments, warn):
        self.post_id = post_id
        self.attachments = attachments
        self.warn = warn

    def expand(self, text):
        return SHORTCODE.sub(self._replace, text)

    def _replace(self, match):
        opening, name, attrs, _, inner, closing = match.groups()
        if opening == "[" and closing == "]":
            return match.group(0)[1:-1]  # [[caption]] is how WordPress writes "[caption]"
        name, atts, inner = name.lower(), attributes(attrs), inner or ""
        if name in ("caption", "wp_caption"):
            return self.caption(atts, inner)
        if name == "gallery":
            return self.gallery(atts)
        if name in MEDIA:
            return self.media(name, atts, inner, match.group(0))
        if not ATTRIBUTE.search(attrs) and match.group(5) is None and not re.search(r"[-_]", name):
            # "[sic]" is more likely words than a plugin: kept as text, but pointed out.
            self.warn(f"Kept “{match.group(0)}” as text: it may be a shortcode.")
            return match.group(0)
        self.warn(f"Removed a shortcode we cannot convert (its text is kept): "
                  f"“{_quote(match.group(0))}”.")
        return self.expand(inner)

    def caption(self, atts, inner):
        parts = CAPTION_PARTS.match(inner)
        if not parts:
            self.warn(f"A [caption] without an image was kept as text: “{_quote(inner)}”.")
            return self.expand(inner)
        image, caption = parts.group(1), parts.group(2).strip() or atts.get("caption", "")
        attachment = atts.get("id", "").removeprefix("attachment_")
        return _figure(image, self.expand(caption), attachment)

    def gallery(self, atts):
        ids = [int(i) for i in re.findall(r"\d+", atts.get("ids") or atts.get("include") or "")]
        if not ids:
            # No list: WordPress shows the images uploaded to this post, in their menu order.
            excluded = {int(i) for i in re.findall(r"\d+", atts.get("exclude", ""))}
            children = [
                a for a in self.attachments.values()
                if a.parent_id == self.post_id and a.id not in excluded
            ]
            ids = [a.id for a in sorted(children, key=lambda a: (a.menu_order, a.id))]
        figures = []
        for attachment_id in ids:
            attachment = self.attachments.get(attachment_id)
            if attachment is None or not attachment.attachment_url:
                self.warn(f"Gallery image {attachment_id} is not in the export; it was left out.")
                continue
            alt = attachment.meta.get("_wp_attachment_image_alt", "")
            image = (f'<img src="{html.escape(attachment.attachment_url)}" '
                     f'alt="{html.escape(alt)}" class="wp-image-{attachment_id}">')
            figures.append(_figure(image, html.escape(attachment.excerpt.strip()),
                                   str(attachment_id)))
        if not figures:
            self.warn("A [gallery] had no images in the export.")
        return "".join(figures)

    def media(self, name, atts, inner, original):
        url = inner.strip() if name == "embed" else ""
        url = url or next((atts[key] for key in MEDIA_SOURCES if atts.get(key)), "")
        if not re.match(r"https?://", url):
            self.warn(f"Removed a media shortcode without a web address: “{_quote(original)}”.")
            return ""
        self.warn(f"An embedded {name} became a plain link (embeds are not carried over): {url}")
        safe = html.escape(url)
        return f'<p><a href="{safe}">{safe}</a></p>'
