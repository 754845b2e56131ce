"""Showing readers' text safely, and the admin's moderation count."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from hypogal.engagement.models import Comment
from hypogal.engagement.text import reader_html

register = template.Library()


@register.filter(is_safe=True)
def reader_text(value):
    """Plain text from a reader, shown safely (see hypogal.engagement.text)."""
    return reader_html(value)


COMMENT_MARKUP = (
    '<article class="comment{}" id="comment-{}">\n'
    '  <header class="comment-meta">\n'
    '    <strong class="comment-name">{}</strong>{}\n'
    '    <time datetime="{}">{}</time>\n'
    "  </header>\n"
    '  <div class="comment-body">{}</div>\n'
    "</article>"
)


@register.simple_tag
def comment_html(comment):
    """One comment, as a page shows fifty of them: in Python, not a template include each.

    An include per comment cost most of a long discussion's render time (README, Performance).
    The name is escaped here; ``body_html`` was made safe when the comment was saved.
    """
    created = template_localtime(comment.created_at)
    return format_html(
        COMMENT_MARKUP,
        " by-author" if comment.by_author else "",
        comment.pk,
        comment.name,
        mark_safe(' <span class="badge">Author</span>') if comment.by_author else "",
        format_date(created, "c"),
        format_date(created, "j F Y"),
        mark_safe(comment.body_html),  # noqa: S308 - sanitized on save (engagement/text.py)
    )


@register.simple_tag
def pending_comment_count():
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
