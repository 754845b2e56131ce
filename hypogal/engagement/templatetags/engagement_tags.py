"""Showing readers' text safely, and the admin's moderation count."""

from django import template

from hypogal.engagement.models import Comment
from hypogal.engagement.text import reader_html

register = template.Library()


@register.filter(is_safe=True)
def reader_text(value):
    """Plain text from a reader, shown safely (see hypogal.engagement.text)."""
    return reader_html(value)


@register.simple_tag
def pending_comment_count():
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
