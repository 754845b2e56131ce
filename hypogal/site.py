"""Pages that span both apps: part of the composition root, like urls.py."""

from django.shortcuts import render

from articles.models import Article


def home(request):
    articles = list(Article.objects.for_list()[:6])
    return render(request, "home.html", {"latest_articles": articles})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
