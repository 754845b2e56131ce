"""The markdownx editor's two endpoints, served by us behind a staff check.

markdownx's own views check no permission and preview unsanitized HTML; these keep its URL
names and JSON shapes, so its widget works unchanged, but answer only logged-in staff and use
the site's own renderer and image pipeline.
"""

from functools import wraps

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
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
    return HttpResponse(render_html(request.POST.get("content", "")))


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
