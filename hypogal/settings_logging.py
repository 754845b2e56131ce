"""Structured (JSON lines) logs on stdout; errors mailed to ADMINS when configured."""

import os

from hypogal.env import env_choice, env_list

# DJANGO_ADMINS="Ana <ana@example.org>, ops@example.org"
ADMINS = []
for entry in env_list("DJANGO_ADMINS"):
    name, _, address = entry.rpartition("<")
    ADMINS.append((name.strip() or entry, address.rstrip(">").strip() or entry))
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "hypogal@localhost")

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = env_choice("DJANGO_LOG_LEVEL", LEVELS, "INFO")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "hypogal.logs.JsonFormatter"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        # StreamHandler's default is stderr; log collectors and the README expect stdout.
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {
            "handlers": ["stdout", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        # Lockouts are warnings and stay; its start-up notice would land in every command's
        # stdout (a `dumpdata > file` included).
        "axes": {"level": "WARNING"},
        # Our own request log replaces the server's access line.
        "django.server": {"handlers": [], "propagate": False},
    },
}

# Error reports (the mail above, and DEBUG's error page) show settings and the request: no
# reader's address, no password inside a service URL.
DEFAULT_EXCEPTION_REPORTER_FILTER = "hypogal.logs.PrivateReporterFilter"
