"""HypoGal settings: one module, every deployment difference read from the environment.

Local defaults are safe for a laptop; production refuses to start without a secret key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from hypogal import env

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env.DEBUG
env_bool, env_int, env_list = env.env_bool, env.env_int, env.env_list

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (see .env.example), or set DJANGO_DEBUG=1 "
            "for local development with a throwaway key."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "django-insecure-local-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "hypogal.site.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "markdownx",
    "hypogal",
    "hypogal.engagement",
    "articles",
    "stories",
    "hypogal.wordpress",
]

MIDDLEWARE = [
    # /healthz, answered before the host check and the HTTPS redirect (probes come by address).
    "hypogal.site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside every middleware that can answer: its 400 for an unknown host is not framed either.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hypogal.logs.RequestLogMiddleware",
    # Cached pages for anonymous readers: a hit answers here, past only the ones above.
    "hypogal.pagecache.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP, so its 400 page carries the policy too; a page with a NUL is never stored.
    "hypogal.badinput.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old WordPress addresses → 301; acts only on 404s and "/?p=ID" (never cached pages).
    "hypogal.wordpress.middleware.LegacyRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hypogal.pagecache.StaffChangesMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hypogal.urls"
WSGI_APPLICATION = "hypogal.wsgi.application"

# The comment form on every post page: its widgets written out in Python (hypogal/widgets.py).
FORM_RENDERER = "hypogal.widgets.FastWidgetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hypogal.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env.env_url("DATABASE_URL", ("postgres", "postgresql", "pgsql", "sqlite"))
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            # PostgreSQL: keep connections open between requests, checked before reuse.
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 0 if DEBUG else 60),
            conn_health_checks=True,
        )
    }
except ValueError as error:  # e.g. a port that is not a number
    raise ImproperlyConfigured(f"DATABASE_URL is not valid: {error}") from None
del DATABASE_URL  # its password would otherwise sit among the settings
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepared statements: a query a connection has run five times is planned once for good,
    # not on every request (README, Performance). Behind a transaction-pooling PgBouncer,
    # which cannot keep them, set DJANGO_DB_PREPARED_STATEMENTS=0.
    if env_bool("DJANGO_DB_PREPARED_STATEMENTS", True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock (IMMEDIATE + timeout) instead of failing with "database is
    # locked", and WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# Cache: Redis when REDIS_URL is set (shared by every app server), else this process's memory.
REDIS_URL = env.env_url("REDIS_URL", ("redis", "rediss", "unix"))
CACHES = {
    "default": (
        {"BACKEND": "hypogal.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Login-failure counts must be shared by every process: Redis, or a database table
    # (created by a migration) when there is no Redis.
    "axes": (
        {"BACKEND": "hypogal.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hypogal_axes"}
    ),
}
AXES_CACHE = "axes"
# Whole pages for anonymous readers (hypogal/pagecache.py); made fresh by every change. On by
# default only with a shared cache: with process memory alone, one gunicorn worker would never
# hear of a change another worker saved.
HYPOGAL_PAGE_CACHE = env_bool("HYPOGAL_PAGE_CACHE", bool(REDIS_URL))
HYPOGAL_PAGE_CACHE_SECONDS = env_int("HYPOGAL_PAGE_CACHE_SECONDS", 600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.env_time_zone("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production: hashed, compressed names served by whitenoise with far-future cache headers
# (needs `collectstatic`); development and tests serve the plain files.
HYPOGAL_HASHED_STATIC = env_bool("HYPOGAL_HASHED_STATIC", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if HYPOGAL_HASHED_STATIC
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Development: whitenoise finds files in place and picks up edits.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Serve uploads from Django itself (make serve, make bench); in production the proxy does.
HYPOGAL_SERVE_MEDIA = env_bool("HYPOGAL_SERVE_MEDIA", DEBUG)

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploads: the image pipeline refuses anything larger (bytes, pixels) before decoding it.
HYPOGAL_MAX_UPLOAD_BYTES = env_int("HYPOGAL_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
HYPOGAL_MAX_IMAGE_PIXELS = env_int("HYPOGAL_MAX_IMAGE_PIXELS", 40_000_000)

# django-markdownx: the widget posts to these paths; hypogal.urls serves them behind a staff
# check with our own sanitizing renderer (markdownx's own views check nothing).
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_MARKDOWNIFY_FUNCTION = "hypogal.markdown.render_html"
MARKDOWNX_MEDIA_PATH = "uploads/"

# Printed to stdout while developing; in production sent through SMTP (Django's default, a
# local mail server unless set below), never printed: the logs would carry readers' names,
# addresses and words, and the stop-replies links the request log hides.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
# The SMTP server (EMAIL_BACKEND django.core.mail.backends.smtp.EmailBackend), e.g. a mail
# provider's relay: port 587 with DJANGO_EMAIL_USE_TLS=1, or 465 with DJANGO_EMAIL_USE_SSL=1.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set DJANGO_EMAIL_USE_TLS or DJANGO_EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)  # a slow mail server never hangs a request
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Comments and likes (hypogal.engagement). Rates are "count/seconds"; a count of 0 turns the
# limit off. Limits are counted in the default cache: use a shared one (e.g. Redis) when
# running several processes.
HYPOGAL_COMMENT_RATE_VISITOR = env.env_rate("HYPOGAL_COMMENT_RATE_VISITOR", "5/600")
HYPOGAL_COMMENT_RATE_IP = env.env_rate("HYPOGAL_COMMENT_RATE_IP", "20/600")
HYPOGAL_LIKE_RATE_IP = env.env_rate("HYPOGAL_LIKE_RATE_IP", "30/600")
# Seconds between showing the comment form and accepting it (bots post at once), and how long
# a shown form stays valid.
HYPOGAL_COMMENT_MIN_SECONDS = env_int("HYPOGAL_COMMENT_MIN_SECONDS", 3)
HYPOGAL_COMMENT_FORM_MAX_AGE = env_int("HYPOGAL_COMMENT_FORM_MAX_AGE", 2 * 24 * 3600)
# A comment with more links than this is flagged as held, whoever wrote it.
HYPOGAL_COMMENTS_PER_PAGE = env_int("HYPOGAL_COMMENTS_PER_PAGE", 50)
HYPOGAL_COMMENT_MAX_LINKS = env_int("HYPOGAL_COMMENT_MAX_LINKS", 2)
# Who is mailed about new comments; empty means every active superuser with an address.
HYPOGAL_AUTHOR_EMAILS = env_list("HYPOGAL_AUTHOR_EMAILS")
# How many reverse proxies (each appending to X-Forwarded-For) stand in front of the site.
HYPOGAL_TRUSTED_PROXIES = env_int("HYPOGAL_TRUSTED_PROXIES", 0)
HYPOGAL_VISITOR_COOKIE = "hypogal_visitor"

from hypogal.settings_logging import *  # noqa: E402,F403
from hypogal.settings_security import *  # noqa: E402,F403 - headers, cookies, CSP, lockout
