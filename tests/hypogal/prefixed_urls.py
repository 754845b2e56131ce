"""The site's URLs under /prefixed/ (tests/hypogal/test_links.py)."""

from django.urls import include, path

urlpatterns = [path("prefixed/", include("hypogal.urls"))]
