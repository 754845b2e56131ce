"""Readers' plain text as safe HTML: escaped first, then paragraphs, line breaks and links."""

from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import mark_safe


class _ReaderUrlizer(Urlizer):
    # Every link a reader writes: not endorsed (nofollow), marked as user content (ugc), and
    # no window.opener for the page it opens (noopener).
    url_template = '<a href="{href}" rel="nofollow ugc noopener">{url}</a>'


_urlize = _ReaderUrlizer()


def reader_html(value):
    """Escaping happens first, inside the urlizer (autoescape=True), so no markup a reader types
    can survive; linebreaks then only adds <p>/<br> around text that is already escaped.
    """
    text = "".join([str(value)])  # a plain str: the urlizer would trust a SafeString as is
    linked = _urlize(text, trim_url_limit=60, nofollow=False, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 - escaped above
