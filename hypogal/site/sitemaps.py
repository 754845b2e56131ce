"""/sitemap.xml: public content only, each with the date it last changed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
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
    """A condition's hub changes when one of its public posts does: that is its lastmod."""

    def items(self):
        latest = {
            f"latest_{model._meta.model_name}": Subquery(
                model.objects.published()
                .filter(conditions=OuterRef("pk"))
                .order_by("-updated_at")
                .values("updated_at")[:1]
            )
            for model in (Article, Story)
        }
        return Condition.objects.annotate(**latest).order_by("name")

    def lastmod(self, condition):
        dates = (condition.latest_article, condition.latest_story)
        return max((date for date in dates if date), default=None)


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
