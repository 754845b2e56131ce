"""Addresses reversed once per URL configuration, for the links every page repeats.

``reverse()`` walks Django's URL patterns on every call, and a post page asks it for a dozen
addresses or more (its own, its conditions', each related post's, its comment and like forms).
An address is a pure function of the URL configuration, the script prefix and the arguments,
so it is remembered under exactly those.
"""

import functools

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=8192)
def _reversed(urlconf, script_prefix, viewname, args):
    return reverse(viewname, urlconf=urlconf, args=args)


def address(viewname, *args):
    """``reverse(viewname, args=args)``, remembered."""
    urlconf = get_urlconf(settings.ROOT_URLCONF)
    return _reversed(urlconf, get_script_prefix(), viewname, args)


def absolute_uri(request, url):
    """``url`` with this site's scheme and host; ``url`` itself when the host is not ours.

    Only an error page sees a host outside ALLOWED_HOSTS (Django answers 400 for it), and that
    page must still render: building from the host again would raise inside the error handler.
    """
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return url
