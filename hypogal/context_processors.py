from hypogal.links import address, canonical_url
from hypogal.models import SiteSettings

# The main navigation, in order: (URL name, label).
NAV = (
    ("home", "Home"),
    ("articles:list", "Condition guides"),
    ("stories:list", "Stories"),
    ("conditions", "Conditions"),
    ("search", "Search"),
)


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
