"""A setting the environment gets wrong stops the site at start, naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from hypogal import env
from tests.hypogal.test_settings import run_check


@pytest.mark.parametrize(
    ("reader", "value", "expected"),
    [
        (lambda: env.env_int("X_SECONDS", 5), "", 5),
        (lambda: env.env_int("X_SECONDS", 5), " 31536000 ", 31536000),
        (lambda: env.env_bool("X_FLAG", True), "off", False),
        (lambda: env.env_bool("X_FLAG", False), "Yes", True),
        (lambda: env.env_rate("X_RATE", "5/600"), "", "5/600"),
        (lambda: env.env_rate("X_RATE", "5/600"), "0/60", "0/60"),
        (lambda: env.env_url("X_URL", ("redis",)), "redis://:pw@cache:6379/0", "redis://:pw@cache:6379/0"),
    ],
)
def test_good_values_are_read(monkeypatch, reader, value, expected):
    for name in ("X_SECONDS", "X_FLAG", "X_RATE", "X_URL"):
        monkeypatch.setenv(name, value)
    assert reader() == expected


@pytest.mark.parametrize(
    ("name", "reader", "value"),
    [
        ("X_SECONDS", lambda: env.env_int("X_SECONDS", 5), "1y"),
        ("X_SECONDS", lambda: env.env_int("X_SECONDS", 5), "-3"),
        ("X_FLAG", lambda: env.env_bool("X_FLAG"), "maybe"),
        ("X_RATE", lambda: env.env_rate("X_RATE", "5/600"), "abc"),
        ("X_RATE", lambda: env.env_rate("X_RATE", "5/600"), "5/0"),
        ("X_URL", lambda: env.env_url("X_URL", ("redis", "rediss")), "127.0.0.1:6379"),
    ],
)
def test_bad_values_are_refused_by_name(monkeypatch, name, reader, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        reader()


def test_a_password_in_a_refused_url_is_not_printed(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://:hunter2@cache:6379/0")
    with pytest.raises(ImproperlyConfigured) as refused:
        env.env_url("REDIS_URL", ("redis",))
    assert "hunter2" not in str(refused.value) and "cache:6379" in str(refused.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_SECURE_HSTS_SECONDS", "1y"),
        ("REDIS_URL", "http://cache.internal:6379"),
        ("DATABASE_URL", "garbage"),
        ("HYPOGAL_LIKE_RATE_IP", "abc"),
    ],
)
def test_the_site_refuses_to_start_with_a_bad_value(variable, value):
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 60, **{variable: value})
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured") and variable in last


def test_a_blank_secret_key_is_no_key():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="   ")
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is not set" in result.stderr
