"""The one markdown renderer: articles, stories, feeds and the editor preview all use it.

Two layers keep the author's (or an imported post's) text from ever running in a reader's
browser: raw HTML is not parsed as HTML at all (it is shown as text), and the output then
passes an allow-list sanitizer (nh3), which also drops javascript:/data: URLs.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import markdown as md_lib
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "picture",
    "pre",
    "source",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "srcset", "sizes", "decoding"},
    "source": {"srcset", "sizes", "type", "media"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

EXTENSIONS = ["toc", "tables", "fenced_code", "sane_lists", "footnotes"]
EXTENSION_CONFIGS = {
    "toc": {
        "toc_depth": "2-3",
        "permalink": "#",
        "permalink_title": "Link to this section",
        "anchorlink": False,
    },
}

# The "#" link the toc extension puts in each heading: pages keep it, text taken out of the
# page (feeds, search-engine data) drops it.
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
# ... and for the mouse only: read aloud it was "number sign" in every heading, and a keyboard
# stopped on six links named "#" in a row; the table of contents leads to each section.
QUIET_HEADERLINK = '<a class="headerlink" aria-hidden="true" tabindex="-1"'


def quiet_headerlinks(html):
    """Stored bodies too (their migrations): idempotent."""
    return re.sub(r'<a class="headerlink"(?! aria-hidden)', QUIET_HEADERLINK, html)


def quieten_stored_bodies(app_label, model_name):
    """A migration's RunPython: the bodies of ``model_name`` rendered before the heading links
    were hidden from screen readers and keyboards, mended in place."""

    def quieten(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        stored = model.objects.filter(body_html__contains='class="headerlink"')
        for post in stored.only("body_html"):
            model.objects.filter(pk=post.pk).update(body_html=quiet_headerlinks(post.body_html))

    return quieten


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_html: str
    headings: list  # [(level, id, text)] for the table of contents and FAQ data


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _converter():
    converter = md_lib.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    # Raw HTML in the source is shown as text, never parsed as markup.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token.get("children", []))


_LOCAL_IMG = re.compile(r'<img alt="([^"]*)" src="(/media/[^"]+)">')


def _size_local_images(html):
    """Our own uploads in the text get width, height and lazy loading (no layout shift), and the
    renditions the editor's upload made, as srcset: a phone never downloads the full original."""
    from django.conf import settings
    from PIL import Image

    from hypogal.images import RENDITION_WIDTHS, rendition_name

    root = Path(settings.MEDIA_ROOT).resolve()
    prefix = settings.MEDIA_URL

    def sized(match):
        alt, src = match.groups()
        path = (root / unquote(src[len(prefix):])).resolve()
        if not src.startswith(prefix) or root not in path.parents or not path.is_file():
            return match.group(0)
        try:
            with Image.open(path) as image:  # reads the header only
                width, height = image.size
        except (OSError, ValueError, Image.DecompressionBombError):
            return match.group(0)
        smaller = [
            (w, rendition_name(src, f"w{w}"))
            for w in RENDITION_WIDTHS
            if w < width and path.with_name(Path(rendition_name(src, f"w{w}")).name).is_file()
        ]
        responsive = ""
        if smaller:
            candidates = ", ".join(f"{url} {w}w" for w, url in [*smaller, (width, src)])
            responsive = f' srcset="{candidates}" sizes="(max-width: 44rem) 100vw, 42rem"'
        return (
            f'<img alt="{alt}" src="{src}"{responsive} width="{width}" height="{height}" '
            'loading="lazy" decoding="async">'
        )

    return _LOCAL_IMG.sub(sized, html)


def render(text):
    """Markdown source -> sanitized HTML, a sanitized table of contents and the heading list."""
    converter = _converter()
    html = quiet_headerlinks(_size_local_images(sanitize(converter.convert(text or ""))))
    headings = [(t["level"], t["id"], t["name"]) for t in _flatten(converter.toc_tokens)]
    toc_html = sanitize(converter.toc) if headings else ""
    return Rendered(html=html, toc_html=toc_html, headings=headings)


def render_html(text):
    """markdownx's MARKDOWNIFY_FUNCTION: the live preview shows exactly what the page will."""
    return render(text).html
