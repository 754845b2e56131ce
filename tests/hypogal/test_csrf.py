"""The CSRF tokens the page cache mints: Django's format, uniformly random, Django accepts them.

That a reader can post with one (fresh, or under the cookie they kept) is proven end to end in
tests/hypogal/test_pagecache.py; these pin what that cannot see.
"""

from collections import Counter
from unittest import mock

from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import RequestFactory

from hypogal import csrf


def test_every_character_is_equally_likely():
    # Fed every byte value once, each of the 62 characters must come out the same number of
    # times: the values that would favour the first ones are dropped, not wrapped round.
    with mock.patch("hypogal.csrf.os.urandom", return_value=bytes(range(256))):
        drawn = csrf.random_string(248)
    assert set(Counter(drawn).values()) == {4} and set(drawn) == set(CSRF_ALLOWED_CHARS)


def test_a_short_read_is_topped_up():
    reads = iter([bytes([255] * 40), bytes(range(40))])
    with mock.patch("hypogal.csrf.os.urandom", side_effect=lambda n: next(reads)):
        assert csrf.random_string(32) == CSRF_ALLOWED_CHARS[:32]


def test_a_new_reader_gets_a_new_secret_and_a_masked_token_for_it():
    request = RequestFactory().get("/")
    token = csrf.get_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert csrf.get_token(request) != token  # a fresh mask each time: nothing to compare


def test_a_returning_reader_keeps_their_secret():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = kept = csrf.random_string()
    assert _unmask_cipher_token(csrf.get_token(request)) == kept
