"""The composition root: the only module that knows every app."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from hypogal import editor
from hypogal.site import feeds, health, sitemaps
from hypogal.site import views as site

urlpatterns = [
    path("", site.home, name="home"),
    path("conditions/", site.conditions_index, name="conditions"),
    path("search/", site.search_page, name="search"),
    path("privacy/", site.privacy, name="privacy"),
    path("feed/", feeds.LatestFeed(), name="feed"),
    path("feed/atom/", feeds.LatestAtomFeed(), name="feed_atom"),
    path("conditions/<slug:slug>/feed/", feeds.ConditionFeed(), name="condition_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", site.robots_txt, name="robots"),
    path("", include("articles.urls")),
    path("", include("stories.urls")),
    path("", include("hypogal.engagement.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),  # answered first by its middleware
    # The markdownx widget reverses nothing: it posts to MARKDOWNX_*_URLS_PATH in settings.
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload, name="markdownx_upload"),
]

if settings.HYPOGAL_SERVE_MEDIA:
    # Locally only: in production the proxy serves MEDIA_ROOT (README, "Deployment").
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", site.media, name="media")
    ]

handler400 = "hypogal.site.views.bad_request"
handler404 = "hypogal.site.views.page_not_found"
handler500 = "hypogal.site.views.server_error"
