from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "HypoGal",
        "SITE_TAGLINE": "Living with rare conditions, in plain words",
        "MEDICAL_DISCLAIMER": getattr(settings, "HYPOGAL_DISCLAIMER", ""),
    }
