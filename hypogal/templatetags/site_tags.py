from django import template

from hypogal.links import absolute_uri

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """An absolute address for links that leave the page: feeds, social cards, share links."""
    request = context.get("request")
    if not url or request is None:
        return url or ""
    return absolute_uri(request, url)
