from django.views.generic import DetailView

from articles.models import Article, Condition
from hypogal.views import PublicDetailView, PublicListView


class ArticleListView(PublicListView):
    model = Article
    template_name = "articles/article_list.html"
    context_object_name = "articles"


class ArticleDetailView(PublicDetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"


class ConditionDetailView(DetailView):
    model = Condition
    template_name = "articles/condition_detail.html"
    context_object_name = "condition"

    # The hub shows the newest of each kind and links to the full, paginated lists: a
    # condition with hundreds of posts must not load them all.
    hub_size = 12

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(self.object.articles.for_list().cards()[: self.hub_size + 1])
        # Followed backwards through Story.conditions: articles never import stories.
        stories = list(self.object.stories.for_list().cards()[: self.hub_size + 1])
        context.update(
            articles=articles[: self.hub_size],
            more_articles=len(articles) > self.hub_size,
            stories=stories[: self.hub_size],
            more_stories=len(stories) > self.hub_size,
        )
        return context
