"""Cheap defences that keep a small blog's moderation queue readable.

- A signed form token: proves the form came from our page for this post, carries the time it was
  rendered (bots post instantly) and a one-time nonce (a double-click stores one comment).
- Rate limits in Django's cache, keyed by salted hashes only.
- A link count: link-stuffed comments are held and flagged even when comments are trusted.
"""

import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

TOKEN_SALT = "hypogal.engagement.comment-form"  # noqa: S105 - a signing namespace, not a secret
LINK = re.compile(r"(?i)\b(?:https?://|www\.)\S")


def setting(name, default):
    return getattr(settings, name, default)


# -- form token -------------------------------------------------------------------------------


class TokenError(Exception):
    """The form token is unusable; ``fresh`` says whether a new form is needed."""

    def __init__(self, message, fresh=True):
        super().__init__(message)
        self.fresh = fresh


def post_key(post):
    return f"{post._meta.label_lower}:{post.pk}"


def issue_token(post, now=None):
    payload = {"n": secrets.token_hex(16), "p": post_key(post), "t": int(now or time.time())}
    return signing.dumps(payload, salt=TOKEN_SALT)


def check_token(token, post, now=None):
    """The token's nonce, or TokenError with a message a reader can act on."""
    max_age = setting("HYPOGAL_COMMENT_FORM_MAX_AGE", 2 * 24 * 3600)
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenError("This form was open for a long time. Please send it again.") from None
    except signing.BadSignature:
        raise TokenError("This form could not be checked. Please send it again.") from None
    if not isinstance(payload, dict) or payload.get("p") != post_key(post):
        raise TokenError("This form belongs to another page. Please send it again.")
    age = (now or time.time()) - payload.get("t", 0)
    if age > max_age:
        raise TokenError("This form was open for a long time. Please send it again.")
    if age < setting("HYPOGAL_COMMENT_MIN_SECONDS", 3):
        raise TokenError(
            "That was very quick. Please check your comment and send it again.", fresh=False
        )
    return payload["n"]


# -- rate limits ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, value):
        """ "5/600" is five in ten minutes; a count of 0 switches the limit off."""
        count, _, seconds = str(value).partition("/")
        return cls(int(count), max(int(seconds or 60), 1))


def allow(scope, key, rate):
    """Count one hit; False once ``key`` has had more than ``rate`` hits in this window.

    A fixed window keyed by its number: ``add`` then ``incr`` are atomic in every Django cache
    backend that is shared between processes (Redis, Memcached, database).
    """
    rate = rate if isinstance(rate, Rate) else Rate.parse(rate)
    if rate.count <= 0:
        return True
    window = int(time.time() // rate.seconds)
    cache_key = f"hypogal:rl:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=rate.seconds + 1)
        hits = 1
    return hits <= rate.count


# -- content ----------------------------------------------------------------------------------


def count_links(text):
    return len(LINK.findall(text))


def hold_reason(body):
    """Why a comment must wait for a human even if it would otherwise be trusted, or ""."""
    max_links = setting("HYPOGAL_COMMENT_MAX_LINKS", 2)
    links = count_links(body)
    if links > max_links:
        return f"{links} links (more than {max_links})"
    return ""


def token_post(token):
    """Which post a form token is for (its key), or None if it is not one of ours."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return payload.get("p") if isinstance(payload, dict) else None


def token_for(key):
    """A new token (new nonce, shown now) for the post whose key ``token_post`` gave.

    The page cache stores pages with the token they were rendered with; every visitor served
    from the cache gets their own through this, so the form works as if freshly rendered.
    """
    fresh = {"n": secrets.token_hex(16), "p": key, "t": int(time.time())}
    return signing.dumps(fresh, salt=TOKEN_SALT)
