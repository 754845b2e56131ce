"""Views shared by every kind of post. The core: it imports no app."""

from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from hypogal import related


class PublicDetailView(DetailView):
    """A post's page: public once published; staff may preview drafts and scheduled posts.

    The model's manager must offer ``for_detail()`` (its select/prefetch set) and
    ``published()`` (the one definition of public).
    """

    def get_queryset(self):
        queryset = self.model.objects.for_detail()
        user = self.request.user
        if user.is_authenticated and user.is_staff:
            return queryset
        return queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        context.update(related.context_for(self.object))
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            # A preview must never be stored by a browser or shared cache.
            add_never_cache_headers(response)
        return response


class PublicListView(ListView):
    paginate_by = 10

    def get_queryset(self):
        return self.model.objects.for_list()
