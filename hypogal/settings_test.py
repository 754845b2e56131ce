"""Settings for the test suite: the real settings plus a throwaway key and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-key-never-for-real-data-0123456789")

from hypogal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The test client speaks plain HTTP; production's HTTPS redirect is tested on its own.
SECURE_SSL_REDIRECT = False
# Serve the plain static files (no collectstatic before tests).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405,E501
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Query-count tests measure a page's own work; tests/hypogal/test_pagecache.py turns the page
# cache on and proves it (hits, freshness after every kind of change, forms on cached pages).
HYPOGAL_PAGE_CACHE = False
# The media route exists in tests as it does under `make serve` (headers are tested on it).
HYPOGAL_SERVE_MEDIA = True
