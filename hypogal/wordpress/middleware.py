"""Old WordPress addresses answer 301 to where each post lives now.

Cheap by construction: it only looks anything up for a response that is already a 404, and
for WordPress's short links ("/?p=123"), which would otherwise land on the home page. The target
is found at request time through the post itself, so a slug changed later still works; a post
that is not public (draft, scheduled) is not revealed: the 404 stands.
"""

import re

from django.http import HttpResponsePermanentRedirect

from hypogal.wordpress.models import LegacyRedirect, normalise_path

SHORT_LINK = re.compile(r"[0-9]{1,18}")


def find_target(old_path):
    redirect = (
        LegacyRedirect.objects.filter(old_path=old_path)
        .select_related("post__article", "post__story")
        .first()
    )
    post = redirect.post.post if redirect else None
    return post if post is not None and post.is_published else None


def _redirect(request, post, drop=()):
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    url = post.get_absolute_url()
    return HttpResponsePermanentRedirect(f"{url}?{query.urlencode()}" if query else url)


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        readable = request.method in ("GET", "HEAD")
        short = request.GET.get("p", "")
        if readable and SHORT_LINK.fullmatch(short):
            post = find_target(f"{normalise_path(request.path)}?p={int(short)}")
            if post is not None:
                return _redirect(request, post, drop=("p",))
        response = self.get_response(request)
        if readable and response.status_code == 404:
            post = find_target(normalise_path(request.path))
            if post is not None:
                return _redirect(request, post)
        return response
