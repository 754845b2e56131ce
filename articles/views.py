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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = list(self.object.articles.for_list())
        # Followed backwards through Story.conditions: articles never import stories.
        context["stories"] = list(self.object.stories.for_list())
        return context
