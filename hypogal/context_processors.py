import functools

from django.conf import settings as django_settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode

from hypogal.models import SiteSettings

# The main navigation, in order: (URL name, label).
NAV = (
    ("home", "Home"),
    ("articles:list", "Condition guides"),
    ("stories:list", "Stories"),
    ("conditions", "Conditions"),
    ("search", "Search"),
)


@functools.cache
def _addresses(urlconf, script_prefix):
    """Every page's fixed links, reversed once per URL configuration rather than per page."""
    return {
        "nav": tuple((reverse(name), label) for name, label in NAV),
        "feed": reverse("feed"),
        "feed_atom": reverse("feed_atom"),
    }


def canonical_url(request):
    """This page's one address: no tracking parameters; a list keeps its condition and page."""
    url = request.build_absolute_uri(request.path)
    kept = {}
    condition = request.GET.get("condition", "")
    if condition:
        kept["condition"] = condition
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        kept["page"] = int(page)
    return f"{url}?{urlencode(kept)}" if kept else url


def site(request):
    settings = SiteSettings.current()
    addresses = _addresses(get_urlconf(django_settings.ROOT_URLCONF), get_script_prefix())
    return {
        # (address, label, is this page): aria-current marks the reader's place.
        "nav": [(url, label, url == request.path) for url, label in addresses["nav"]],
        "feed_url": addresses["feed"],
        "feed_atom_url": addresses["feed_atom"],
        "canonical_url": canonical_url(request),
        "site_settings": settings,
        "SITE_NAME": settings.site_name,
        "SITE_TAGLINE": settings.tagline,
        "MEDICAL_DISCLAIMER": settings.disclaimer,
    }
