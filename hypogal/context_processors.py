from hypogal.models import SiteSettings


def canonical_url(request):
    """This page's one address: no tracking or other query parameters, except a list's page."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def site(request):
    settings = SiteSettings.current()
    return {
        "canonical_url": canonical_url(request),
        "site_settings": settings,
        "SITE_NAME": settings.site_name,
        "SITE_TAGLINE": settings.tagline,
        "MEDICAL_DISCLAIMER": settings.disclaimer,
    }
