"""Pages and page sections that span both apps: the composition root, like urls.py."""

from django.shortcuts import render

from articles.models import Article
from hypogal import related
from stories.models import Story


def home(request):
    return render(
        request,
        "home.html",
        {
            "latest_articles": list(Article.objects.for_list()[:5]),
            "latest_stories": list(Story.objects.for_list()[:5]),
        },
    )


@related.section
def stories_about_the_conditions(post):
    """An overview links to the stories about its conditions."""
    if not isinstance(post, Article):
        return {}
    condition_ids = [condition.pk for condition in post.conditions.all()]  # prefetched
    if not condition_ids:
        return {"condition_stories": []}
    stories = Story.objects.for_list().filter(conditions__in=condition_ids).distinct()[:4]
    return {"condition_stories": list(stories)}


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
