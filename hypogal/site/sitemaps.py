"""/sitemap.xml: public content only, each with the date it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from articles.models import Article, Condition
from stories.models import Story


class PostSitemap(Sitemap):
    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.published().order_by("-published_at", "-id")

    def lastmod(self, post):
        return post.updated_at


class ConditionSitemap(Sitemap):
    def items(self):
        return Condition.objects.order_by("name")


class PagesSitemap(Sitemap):
    def items(self):
        return ["home", "articles:list", "stories:list", "conditions"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        dates = [
            model.objects.published().aggregate(latest=Max("updated_at"))["latest"]
            for model in (Article, Story)
        ]
        return max((date for date in dates if date), default=None)


SITEMAPS = {
    "pages": PagesSitemap(),
    "articles": PostSitemap(Article),
    "stories": PostSitemap(Story),
    "conditions": ConditionSitemap(),
}
