"""Whole-page cache for anonymous readers, made fresh by every change that shows on a page.

A flood of readers following one shared link must not each cost a dozen queries. Pages are
served from the cache to requests that carry no session and no pending message: such a reader
sees what any other reader sees, except for the per-visitor form tokens (CSRF, the comment
form's signed token), swapped into the cached HTML per request, and, for a reader who has liked
or commented (their visitor cookie), the like button, set to their own like in one query. Only
pages rendered for a reader without that cookie are stored (nothing of a visitor's own goes
into them). Everyone else (staff, a reader with a message pending) gets a live page.

Freshness: every cached page is keyed by a content version; any saved change that can show on a
page bumps it (see ``hypogal/apps.py``), so the very next request renders anew. A page is also
never kept past the moment the next scheduled post goes public.
"""

import functools
import re
import threading
import time
from collections import OrderedDict
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils.http import urlencode

from hypogal import csrf as csrf_tokens
from hypogal import visitors
from hypogal.engagement.likes import liked_by
from hypogal.engagement.spam import token_for, token_post

VERSION_KEY = "hypogal:content-version"
NEXT_DUE_KEY = "hypogal:next-publication"
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([^"]*)(")')
FORM_TOKEN = re.compile(rb'(<input type="hidden" name="token" value=")([^"]*)(")')
CSRF = "csrf"  # the slot for a CSRF token; any other str slot: the post of a comment-form token
# The like button (engagement/like_button.html) as stored, rendered for a reader who has not
# liked the post; each part with its bytes for one who has. A tuple slot holds both.
LIKE_FORM = re.compile(rb'<form class="like-form" method="post" action="([^"]*)" data-like-form>')
LIKE_PARTS = (
    (re.compile(rb'(<input type="hidden" name="action" value=")(like)(" data-like-action>)'),
     b"unlike"),
    (re.compile(rb'(<button type="submit" class="like-button)()(">)'), b" is-liked"),
    (re.compile(rb"(<span data-like-text>)(Like)(</span>)"), b"Unlike"),
)
# Bumped when the stored form changes, so a release never reads pages stored by an older one.
PAGE_FORMAT = 3


class _NotStorable(Exception):
    """A page whose per-visitor parts cannot all be found: it is served live, never stored."""


def enabled():
    return getattr(settings, "HYPOGAL_PAGE_CACHE", True)


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(VERSION_KEY, int(time.time() * 1000), None)
    cache.delete(NEXT_DUE_KEY)


def content_changed():
    """Call after any change readers can see: every cached page is stale from now on.

    Inside a transaction the version moves now and again at commit: a reader served between
    the two (from data not yet committed, so the old page) is not kept under the new version.
    """
    _bump()
    transaction.on_commit(_bump)  # at once when there is no transaction


def _read_version():
    reader = getattr(cache, "get_int", None)  # hypogal.cache.RedisCache: the quick way
    return reader(VERSION_KEY) if reader else cache.get(VERSION_KEY)


def _version():
    version = _read_version()
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if request.path.startswith(settings.HYPOGAL_UNCACHED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _has_visitor_cookie(request):
    return visitors.cookie_name() in request.COOKIES


# The query parameters each page reads: lists and search (page, condition, q), a post's
# discussion (comments, reply_to), old WordPress links and sitemap pages (p). Anything else
# (fbclid, utm_*: every shared link carries its own; ?q= on an article) changes nothing on the
# page, so it must not make every reader of a shared link a cache miss, nor store copies.
PARAMS_READ = {
    "home": ("p",),
    "sitemap": ("p",),
    "search": ("page", "q"),
    "articles:list": ("condition", "page"),
    "stories:list": ("condition", "page"),
    "articles:detail": ("comments", "reply_to"),
    "stories:detail": ("comments", "reply_to"),
}
NUMBERS = {"comments", "p", "page", "reply_to"}
LONGEST_VALUE = 200  # the longest search a reader may send (search.MAX_QUERY_LENGTH)


class _Uncanonical(Exception):
    """A value that another spelling also means (?comments=01, =1): served live, not stored, or
    anyone could store a copy of a page per spelling."""


@functools.lru_cache(maxsize=4096)
def _params_read(path_info):
    try:
        return PARAMS_READ.get(resolve(path_info).view_name, ())
    except Resolver404:
        return ()


def _value(name, values):
    value = values[-1]  # what request.GET.get() gives the view
    if len(values) > 1 or len(value) > LONGEST_VALUE:
        raise _Uncanonical
    if name in NUMBERS and not (
        value.isascii() and value.isdigit() and len(value) <= 9 and value == str(int(value))
    ):
        raise _Uncanonical
    return value


def _key(request):
    wanted = _params_read(request.path_info)
    kept = [
        (name, _value(name, request.GET.getlist(name))) for name in wanted if name in request.GET
    ]
    query = urlencode(kept)
    # Quoted: a key holds no space or control character whatever the address (a NUL included,
    # which is refused further in, after this lookup).
    path = quote(request.path)
    return f"hypogal:page{PAGE_FORMAT}:{request.get_host()}:{path}?{query}"


def _split(content):
    """The page as static pieces and token slots, found once when it is stored.

    Serving then only joins bytes, however large the page: no search per request.
    """
    slots = [(m.start(2), m.end(2), CSRF) for m in CSRF_INPUT.finditer(content)]
    # A form's slot keeps the post its token is for: read once here, not on every hit.
    slots += [
        (m.start(2), m.end(2), token_post(m.group(2).decode()) or "")
        for m in FORM_TOKEN.finditer(content)
    ]
    slots += _like_slots(content)
    pieces, last = [], 0
    for start, end, slot in sorted(slots):
        pieces += [content[last:start], slot]
        last = end
    pieces.append(content[last:])
    return pieces


def _like_slots(content):
    """The like button's parts, each as (start, end, (post, as rendered, as liked))."""
    forms = list(LIKE_FORM.finditer(content))
    if not forms:
        return []
    try:
        (form,) = forms  # a page has one post, so one like button
        action, prefix = form.group(1).decode(), get_script_prefix()
        if not action.startswith(prefix):
            raise _NotStorable
        target = resolve("/" + action[len(prefix):])  # resolve() knows no script prefix
    except (ValueError, Resolver404) as exc:
        raise _NotStorable from exc
    post = (target.kwargs["app_label"], target.kwargs["model_name"], target.kwargs["pk"])
    slots = []
    for pattern, liked in LIKE_PARTS:
        found = pattern.search(content, form.end())
        if found is None:
            raise _NotStorable  # the template changed: never serve one reader's state to all
        slots.append((found.start(2), found.end(2), (post, found.group(2), liked)))
    return slots


def _personalise(pieces, request):
    """This visitor's own CSRF and comment-form tokens (and like button), put in a cached page."""
    out, csrf, liked = [], None, None
    for piece in pieces:
        if isinstance(piece, bytes):
            out.append(piece)
        elif isinstance(piece, tuple):
            post, as_rendered, as_liked = piece
            if liked is None:
                liked = _liked(request, post)
            out.append(as_liked if liked else as_rendered)
        elif piece == CSRF:
            csrf = csrf or csrf_tokens.get_token(request).encode()  # one serves every form
            out.append(csrf)
        else:
            out.append(token_for(piece).encode() if piece else b"")
    return b"".join(out)


def _liked(request, post):
    if not _has_visitor_cookie(request):
        return False  # a first-time reader has liked nothing: no query
    visitor = visitors.get(request)
    return not visitor.is_new and liked_by(*post, visitor.hash)


class StaffChangesMiddleware:
    """Whatever staff change through a form or an admin action, pages are fresh afterwards.

    Model signals miss the admin's bulk actions (queryset updates); this catches them all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method == "POST" and user is not None and user.is_staff:
            if response.status_code < 400:
                content_changed()
        return response


class _LocalPages:
    """This process's own copies of recently served pages, in front of the shared cache.

    A copy is used only while it carries the current content version (read from the shared
    cache on every request) and is not past its expiry, so it is never staler than the shared
    copy; it saves fetching the whole page from Redis on every hit.
    """

    def __init__(self, size):
        self.size, self.pages, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, version):
        with self.lock:
            page = self.pages.get(key)
            if page is None or page[0] != version or page[1] <= time.time():
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()


local_pages = _LocalPages(getattr(settings, "HYPOGAL_PAGE_CACHE_LOCAL_PAGES", 200))


class AnonymousPageCacheMiddleware:
    """Sits just inside whitenoise and the request log: a hit skips the rest of the stack.

    A stored page is (version, expiry, status, headers, pieces): the response as the inner
    middleware left it (CSP, X-Frame-Options and Vary included), minus the reader's CSRF cookie.
    A hit builds a fresh response from it and runs Django's own CSRF middleware for the reader
    (their cookie read, or a new one set, as Django would), so the tokens swapped into the page
    match the cookie, as on a live page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _key(request)
        except (_Uncanonical, DisallowedHost):
            # Live: an unknown host gets its 400 further in, with the CSP like any page.
            return self.get_response(request)
        version = _version()
        stored = local_pages.get(key, version)
        if stored is None:
            stored = cache.get(key)
            if stored is not None and stored[0] == version and stored[1] > time.time():
                local_pages.put(key, stored)
            else:
                stored = None
        if stored is not None:
            return self._hit(request, stored)
        response = self.get_response(request)
        if self._storable(request, response):
            timeout = _timeout(version)
            try:
                pieces = _split(response.content) if timeout > 0 else None
            except _NotStorable:
                return response
            if pieces is not None:
                headers = {
                    name: value
                    for name, value in response.items()
                    if name.lower() not in ("content-length", "set-cookie")
                }
                page = (version, time.time() + timeout, response.status_code, headers, pieces)
                cache.set(key, page, timeout)
                local_pages.put(key, page)
            response["X-Page-Cache"] = "miss"
        return response

    def _hit(self, request, stored):
        _, _, status, headers, pieces = stored
        self.csrf.process_request(request)
        content = _personalise(pieces, request)
        response = HttpResponse(content, status=status, headers=headers)
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        return self.csrf.process_response(request, response)

    @staticmethod
    def _storable(request, response):
        if request.method != "GET" or response.status_code != 200 or response.streaming:
            return False
        if _has_visitor_cookie(request):
            return False  # rendered with this visitor's own like: theirs alone
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return False  # the view set something for this reader alone
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-cache" in cache_control or "no-store" in cache_control:
            return False
        messages = getattr(request, "_messages", None)
        return not (messages and len(messages._queued_messages))


def _timeout(version):
    """Seconds a page may be kept: the default, or less if a scheduled post goes public sooner.

    The next due time is kept with the content version read before it was looked up, as pages
    are: a reader who looked it up just before an author's commit would otherwise keep "nothing
    scheduled" after that commit, and pages would miss the new post's time by minutes.
    """
    from django.utils import timezone

    from hypogal.publishing import next_publication

    default = settings.HYPOGAL_PAGE_CACHE_SECONDS
    now = timezone.now().timestamp()
    known = cache.get(NEXT_DUE_KEY)
    # A due time that has passed is looked up again: the next one may be hours away, and until
    # then every page would be kept for 0 seconds, i.e. not at all.
    if isinstance(known, tuple) and known[0] == version and (not known[1] or known[1] > now):
        due = known[1]
    else:
        upcoming = next_publication()
        due = upcoming.timestamp() if upcoming else 0
        cache.set(NEXT_DUE_KEY, (version, due), default)
    if not due:
        return default
    return max(0, min(default, int(due - now)))
