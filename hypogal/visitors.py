"""The one definition of "a visitor": an anonymous, signed id in a cookie.

Likes and comment rate limits need to recognise a returning reader without an account. The
cookie holds a random id signed with SECRET_KEY (a forged or edited cookie just starts a new
visitor); the database and the cache only ever see salted HMACs of that id and of the client
IP, never the raw values. The cookie is only set when a visitor does something (likes,
comments), so reading a page sets nothing.
"""

import ipaddress
import secrets
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils.crypto import salted_hmac

COOKIE_SALT = "hypogal.visitors.cookie"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2
_REQUEST_ATTR = "_hypogal_visitor"


def cookie_name():
    return getattr(settings, "HYPOGAL_VISITOR_COOKIE", "hypogal_visitor")


def _hash(purpose, value):
    return salted_hmac(f"hypogal.visitors.{purpose}", value, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Visitor:
    id: str
    is_new: bool

    @cached_property
    def hash(self):
        return _hash("id", self.id)


def _valid_id(value):
    return value is not None and len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def get(request):
    """The request's visitor; the same object however often a request asks."""
    visitor = getattr(request, _REQUEST_ATTR, None)
    if visitor is None:
        value = request.get_signed_cookie(cookie_name(), default=None, salt=COOKIE_SALT)
        if _valid_id(value):
            visitor = Visitor(id=value, is_new=False)
        else:
            visitor = Visitor(id=secrets.token_hex(16), is_new=True)
        setattr(request, _REQUEST_ATTR, visitor)
    return visitor


def remember(request, response):
    """Give a new visitor their cookie; call on the response to the action that needs it."""
    visitor = get(request)
    if visitor.is_new:
        response.set_signed_cookie(
            cookie_name(),
            visitor.id,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
        )
    return response


def client_ip(request):
    """REMOTE_ADDR, or, behind N trusted proxies, the address the outermost one saw.

    X-Forwarded-For is only trusted as far as HYPOGAL_TRUSTED_PROXIES says: each proxy appends
    the address it received from, so anything further left was written by the client.
    """
    proxies = getattr(settings, "HYPOGAL_TRUSTED_PROXIES", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def network(address):
    """The unit a rate limit counts: one IPv4 address, or one IPv6 /64 (what one home or phone
    is given, so stepping through its addresses is still one visitor). An IPv4 address written
    as IPv6 (``::ffff:203.0.113.7``) or with a port is the same address."""
    text = address.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:5555
        text = text.partition(":")[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return text  # not an address: counted as the string it is
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def ip_hash(request):
    return _hash("ip", network(client_ip(request)))
