"""The composition root: the only module that knows every app."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from hypogal import editor, site

urlpatterns = [
    path("", site.home, name="home"),
    path("", include("articles.urls")),
    path("", include("stories.urls")),
    path("admin/", admin.site.urls),
    # The markdownx widget reverses nothing: it posts to MARKDOWNX_*_URLS_PATH in settings.
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload, name="markdownx_upload"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "hypogal.site.page_not_found"
handler500 = "hypogal.site.server_error"
