"""The site's URLs plus its uploads, for the browser tests.

pytest-django's live server serves static files but not MEDIA_ROOT, and each test has its own
MEDIA_ROOT (tests/conftest.py), so uploads are served from wherever it points at request time.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from hypogal.urls import handler404, handler500  # noqa: F401
from hypogal.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *(p for p in site_urlpatterns if getattr(p, "name", None) != "media"),
    re_path(r"^media/(?P<path>.*)$", media),
]
