"""Pages that span both apps."""

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from articles.models import Article, Condition
from hypogal.engagement.likes import most_liked
from hypogal.links import canonical_url
from hypogal.site import (
    related,  # noqa: F401 - registers the page sections
    search,
)
from stories.models import Story


def _public_count(model):
    """Public posts of ``model`` per condition, as a subquery (one query for the whole list)."""
    counts = (
        model.objects.published()
        .filter(conditions=OuterRef("pk"))
        .order_by()
        .values("conditions")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def conditions_with_counts():
    return Condition.objects.annotate(
        article_count=_public_count(Article), story_count=_public_count(Story)
    ).order_by("name")


def home(request):
    return render(
        request,
        "home.html",
        {
            "latest_articles": list(Article.objects.for_list().cards()[:5]),
            "latest_stories": list(Story.objects.for_list().cards()[:5]),
            "most_liked_stories": list(most_liked(Story.objects.for_list().cards(), limit=3)),
        },
    )


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without the cookie its page gave (a page open for hours, cookies blocked):
    said in words, with the way back, instead of Django's bare "CSRF verification failed"."""
    referer = request.headers.get("Referer", "")
    back = referer if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) else ""
    response = render(request, "403_csrf.html", {"back_url": back}, status=403)
    add_never_cache_headers(response)
    return response


def server_error(request):
    # No request context: the context processors read the site settings, and the error may be
    # that the database (or the cache) is down. The page needs nothing from them.
    return HttpResponseServerError(render_to_string("500.html"))


def privacy(request):
    return render(request, "privacy.html")


def conditions_index(request):
    return render(request, "conditions.html", {"conditions": conditions_with_counts()})


def search_page(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query, "page_obj": None, "error": ""}
    if len(query) > search.MAX_QUERY_LENGTH:
        context["error"] = (
            f"That search is too long. Please use up to {search.MAX_QUERY_LENGTH} characters."
        )
    elif query:
        results = search.search(query)
        paginator = Paginator(results, 10)
        context["capped"] = results.capped
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["result_count"] = paginator.count
        context["page_query"] = urlencode({"q": query}) + "&"
        context["canonical_url"] = canonical_url(request, q=query, page=context["page_obj"].number)
    return render(request, "search.html", context)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


MEDIA_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def media(request, path):
    """Uploaded files, when the site serves them itself (HYPOGAL_SERVE_MEDIA).

    Images only: the pipeline stores nothing else there, and anything else found there (an
    .html or .svg put in by hand) would run as a page of this site.
    """
    from django.conf import settings
    from django.http import Http404
    from django.views.static import serve

    if not path.lower().endswith(MEDIA_EXTENSIONS):
        raise Http404("Not an image.")

    return serve(request, path, document_root=settings.MEDIA_ROOT)
