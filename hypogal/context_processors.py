from django.utils.http import urlencode

from hypogal.links import absolute_uri, address
from hypogal.models import SiteSettings

# The main navigation, in order: (URL name, label).
NAV = (
    ("home", "Home"),
    ("articles:list", "Condition guides"),
    ("stories:list", "Stories"),
    ("conditions", "Conditions"),
    ("search", "Search"),
)


def canonical_url(request):
    """This page's one address: no tracking parameters; a list keeps its condition and page."""
    url = absolute_uri(request, request.path)
    kept = {}
    condition = request.GET.get("condition", "")
    if condition:
        kept["condition"] = condition
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        kept["page"] = int(page)
    return f"{url}?{urlencode(kept)}" if kept else url


def site(request):
    settings = SiteSettings.for_request(request)
    nav = [(address(name), label) for name, label in NAV]
    return {
        # (address, label, is this page): aria-current marks the reader's place.
        "nav": [(url, label, url == request.path) for url, label in nav],
        "feed_url": address("feed"),
        "feed_atom_url": address("feed_atom"),
        "canonical_url": canonical_url(request),
        "site_settings": settings,
        "SITE_NAME": settings.site_name,
        "SITE_TAGLINE": settings.tagline,
        "MEDICAL_DISCLAIMER": settings.disclaimer,
    }
