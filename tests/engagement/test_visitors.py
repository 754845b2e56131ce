"""The one anonymous visitor id: signed cookie in, salted hashes out, never a raw address."""

from django.http import HttpResponse

from hypogal import visitors
from hypogal.engagement import spam


def test_a_request_without_a_cookie_is_a_new_visitor_once(rf):
    request = rf.get("/")
    visitor = visitors.get(request)
    assert visitor.is_new and len(visitor.id) == 32
    assert visitors.get(request) is visitor
    assert visitor.hash != visitor.id and len(visitor.hash) == 64


def test_the_cookie_round_trips_and_tampering_starts_over(rf, settings):
    response = visitors.remember(request := rf.get("/"), HttpResponse())
    signed = response.cookies[settings.HYPOGAL_VISITOR_COOKIE].value
    returning = rf.get("/", HTTP_COOKIE=f"{settings.HYPOGAL_VISITOR_COOKIE}={signed}")
    assert visitors.get(returning) == visitors.Visitor(visitors.get(request).id, is_new=False)
    assert visitors.remember(returning, HttpResponse()).cookies == {}
    tampered = rf.get("/", HTTP_COOKIE=f"{settings.HYPOGAL_VISITOR_COOKIE}=a{signed}")
    assert visitors.get(tampered).is_new


def test_ip_hashes_are_salted_and_stable(rf):
    one = rf.get("/", REMOTE_ADDR="203.0.113.5")
    again = rf.get("/", REMOTE_ADDR="203.0.113.5")
    other = rf.get("/", REMOTE_ADDR="203.0.113.6")
    assert visitors.ip_hash(one) == visitors.ip_hash(again) != visitors.ip_hash(other)
    assert "203.0.113.5" not in visitors.ip_hash(one)


def test_forwarded_for_is_trusted_only_as_far_as_configured(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    settings.HYPOGAL_TRUSTED_PROXIES = 0
    assert visitors.client_ip(request) == "10.0.0.1"  # a client can write any header
    settings.HYPOGAL_TRUSTED_PROXIES = 1
    assert visitors.client_ip(request) == "203.0.113.5"  # what our proxy saw
    settings.HYPOGAL_TRUSTED_PROXIES = 3
    assert visitors.client_ip(request) == "10.0.0.1"  # fewer hops than promised: no trust


def test_rates_parse_and_zero_switches_a_limit_off():
    assert spam.Rate.parse("5/600") == spam.Rate(5, 600)
    assert all(spam.allow("test", "k", "0/60") for _ in range(100))
    assert [spam.allow("test", "k2", "2/60") for _ in range(3)] == [True, True, False]


def test_one_home_network_is_one_address_for_the_limits(rf, settings):
    settings.HYPOGAL_TRUSTED_PROXIES = 1

    def hashed(forwarded):
        return visitors.ip_hash(rf.get("/", HTTP_X_FORWARDED_FOR=forwarded))

    # Stepping through the addresses of one IPv6 /64 is still one visitor; another /64 is not.
    assert hashed("2001:db8:1:2::1") == hashed("2001:db8:1:2:ffff::28")
    assert hashed("2001:db8:1:2::1") != hashed("2001:db8:1:3::1")
    # An IPv4 address is the same however it is written.
    assert hashed("203.0.113.7") == hashed("::ffff:203.0.113.7") == hashed("203.0.113.7:5555")
    assert hashed("[2001:db8:1:2::1]:443") == hashed("2001:db8:1:2::9")
    assert hashed("203.0.113.7") != hashed("203.0.113.8")


def test_likes_from_many_addresses_of_one_ipv6_network_meet_the_limit(db, settings):
    from django.test import Client

    from tests import factories
    from tests.engagement.helpers import like_url

    settings.HYPOGAL_LIKE_RATE_IP = "3/600"
    post = factories.article()
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:1:2::{n:x}").post(like_url(post)).status_code
        for n in range(1, 6)
    ]
    assert statuses[:3] == [302, 302, 302] and statuses[3:] == [429, 429]
