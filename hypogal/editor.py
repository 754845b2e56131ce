"""The markdownx editor's two endpoints, served by us behind a staff check.

markdownx's own views check no permission and preview unsanitized HTML; these keep its URL
names and JSON shapes, so its widget works unchanged, but answer only logged-in staff and use
the site's own renderer and image pipeline.
"""

import posixpath
import re
from functools import wraps
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hypogal import images
from hypogal.markdown import render_html


def staff_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"error": "Staff only."}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@staff_only
def markdownify(request):
    content = request.POST.get("content", "")
    post = _post_being_edited(request)
    if post is None:
        return HttpResponse(render_html(content))
    # Rendered as the post's own save would (a story's [photo 2] becomes its second photo).
    post.body = content
    post.render_body()
    return HttpResponse(post.body_html)


def _post_being_edited(request):
    """The post whose admin change page asks for the preview (markdownx sends only the text,
    so the page's own address, in Referer, says which), if the author may view it."""
    from django.urls import Resolver404, get_script_prefix, resolve

    from hypogal.publishing import Publishable

    try:
        referer = urlsplit(request.headers.get("Referer", ""))
        prefix = get_script_prefix()
        if referer.netloc != request.get_host() or not referer.path.startswith(prefix):
            return None
        match = resolve("/" + referer.path[len(prefix) :])
        model_admin = getattr(match.func, "model_admin", None)
        object_id = match.kwargs.get("object_id")
        if model_admin is None or object_id is None or not (match.url_name or "").endswith(
            "_change"
        ):
            return None
        if not issubclass(model_admin.model, Publishable):
            return None
        post = model_admin.model._base_manager.filter(pk=object_id).first()
    except (ValueError, ValidationError, Resolver404):  # a Referer that names no post of ours
        return None
    if post is None or not model_admin.has_view_permission(request, post):
        return None
    return post


@require_POST
@staff_only
def upload(request):
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": ["Choose an image to upload."]}, status=400)
    try:
        clean = images.sanitize(upload, name_hint=upload.name)
    except ValidationError as error:
        return JsonResponse({"image": error.messages}, status=400)
    path = default_storage.save(f"uploads/{timezone.now():%Y/%m}/{clean.name}", clean.as_upload())
    # Named after the original (photo.w480.jpg…): the renderer finds them when the text is saved.
    images.create_renditions(default_storage, path)
    return JsonResponse(
        {
            "image_code": f"![Describe this image]({default_storage.url(path)})",
            "location_removed": clean.location_removed,
        }
    )


# Images dropped into the text belong to no model field, so nothing else removes them: a post's
# deletion, or an edit that takes an image out of its text, removes the image and its renditions
# once no post's text mentions it any more.
def _upload_names(text):
    found = re.findall(re.escape(f"{settings.MEDIA_URL}uploads/") + r"[^\s\"'()<>]+", text)
    names = {posixpath.normpath(unquote(url)[len(settings.MEDIA_URL) :]) for url in found}
    # Text is input: "uploads/../stories/…" names a story's photo, which no edit may delete.
    return {name for name in names if name.startswith("uploads/")}


def _remove_unused(names):
    from django.apps import apps

    from hypogal.publishing import Publishable

    posts = [m for m in apps.get_models() if issubclass(m, Publishable)]
    for name in names:
        url = default_storage.url(name)
        if any(m._base_manager.filter(body__contains=url).exists() for m in posts):
            continue
        labels = images.rendition_labels()
        renditions = {label: {"name": images.rendition_name(name, label)} for label in labels}
        images.delete_files(default_storage, name, renditions)


def remember_uploads(sender, instance, raw=False, **kwargs):
    """pre_save: the uploads the text named before this edit."""
    if raw or instance.pk is None:
        return
    before = sender._base_manager.filter(pk=instance.pk).values_list("body", flat=True).first()
    instance._hypogal_uploads_before = _upload_names(before or "")


def forget_dropped_uploads(sender, instance, raw=False, **kwargs):
    """post_save: uploads the edit took out of the text, if no other post uses them."""
    dropped = getattr(instance, "_hypogal_uploads_before", set()) - _upload_names(instance.body)
    if dropped and not raw:
        transaction.on_commit(lambda: _remove_unused(dropped))


def forget_uploads(sender, instance, **kwargs):
    """post_delete: a deleted post's uploads, if no other post uses them."""
    names = _upload_names(instance.body or "")
    if names:
        transaction.on_commit(lambda: _remove_unused(names))
