"""Reading settings from the environment: one place, used by every settings module.

A value that cannot mean anything stops the site at start with the variable's name, not a
traceback deep inside Django or a 500 on the first request that needs it.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _value(name):
    return os.environ.get(name, "").strip()


def _refuse(name, value, expected):
    return ImproperlyConfigured(f"{name}={value!r} is not valid: expected {expected}.")


def env_bool(name, default=False):
    value = _value(name)
    if not value:
        return default
    if value.lower() not in TRUE | FALSE:
        raise _refuse(name, value, "1/true/yes/on or 0/false/no/off")
    return value.lower() in TRUE


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = _value(name)
    if not value:
        return default
    if not re.fullmatch(r"\d+", value):
        raise _refuse(name, value, "a whole number of 0 or more (e.g. seconds: 31536000, not 1y)")
    return int(value)


def env_rate(name, default):
    """A rate limit, "count/seconds" ("5/600": five in ten minutes; a count of 0 is no limit)."""
    value = _value(name) or default
    if not re.fullmatch(r"\d+/[1-9]\d*", value):
        raise _refuse(name, value, '"count/seconds", e.g. "5/600"')
    return value


_URL_PASSWORD = re.compile(r"(//[^/:@]*:)[^/@]+@")


def without_password(url, substitute):
    """``url`` with the password in its ``//user:password@`` part replaced: never printed."""
    return _URL_PASSWORD.sub(lambda match: f"{match.group(1)}{substitute}@", url)


def env_url(name, schemes, default=""):
    """A service URL whose scheme one of ``schemes`` is (e.g. redis://, rediss://, unix://)."""
    value = _value(name) or default
    if value and not value.startswith(tuple(f"{scheme}://" for scheme in schemes)):
        shown = without_password(value, "…")
        raise _refuse(name, shown, "a URL starting with " + " or ".join(f"{s}://" for s in schemes))
    return value


def env_choice(name, choices, default):
    value = _value(name) or default
    if value.upper() not in choices:
        raise _refuse(name, value, "one of " + ", ".join(choices))
    return value.upper()


def env_time_zone(name, default):
    import zoneinfo

    value = _value(name) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise _refuse(name, value, "a time zone name such as Europe/London") from None
    return value


DEBUG = env_bool("DJANGO_DEBUG", False)
