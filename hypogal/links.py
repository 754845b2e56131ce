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
from django.utils.http import urlencode


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


def canonical_url(request, **query):
    """This page's one address: its path, with only the ``query`` the view vouches for.

    By default no query at all: tracking parameters, a ``?page=`` the page does not have and
    made-up parameters would otherwise each claim to be another page. Lists pass the condition
    and the page number they actually showed.
    """
    url = absolute_uri(request, request.path)
    # Page 1 is the page itself: no "?page=1" twin.
    kept = {name: value for name, value in query.items() if value and value != 1}
    return f"{url}?{urlencode(kept)}" if kept else url
