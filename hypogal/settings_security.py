"""Security settings, all driven by the environment. Production (DEBUG off) is strict by default:
`python manage.py check --deploy --fail-level WARNING` passes with only DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS set. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1.
"""

import os
from datetime import timedelta

from hypogal.env import DEBUG, env_bool, env_int

SECURE = not DEBUG

# HTTPS everywhere in production; the proxy's X-Forwarded-Proto is trusted only on request.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", SECURE)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", SECURE)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", SECURE)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", SECURE)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The admin can live at an address of the author's choosing (e.g. "desk-7f3a/").
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Content-Security-Policy on public pages (hypogal.security): only our own files may run or
# load; no inline script. The admin and the markdownx editor are left out of it (the admin has
# inline styles and markdownx injects preview HTML).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_URL}", "/markdownx/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Password guessing on the admin login: django-axes counts failures per username and address,
# and per (hashed) address, in the cache and answers 429 during a cool-off. The address it sees
# is a salted hash, so no raw IP is stored anywhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env_int("HYPOGAL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HYPOGAL_LOGIN_COOLOFF_MINUTES", 15))
# Locked: this username from this address, or this address whatever the username. Never the
# username alone: anyone could then keep the author out by failing as her from anywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Her own attempt during a cool-off must not start it again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "hypogal.visitors.ip_hash"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"

# Never served from the page cache: staff tools, actions, files and the health check.
HYPOGAL_UNCACHED_PREFIXES = (
    f"/{ADMIN_URL}", "/markdownx/", "/engagement/", "/healthz", "/media/", "/static/"
)
