"""Views shared by every kind of post. The core: it imports no app."""

import functools

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from hypogal import prepared, related, seo, visitors
from hypogal.engagement import context as engagement
from hypogal.links import canonical_url
from hypogal.models import SiteSettings


class PublicDetailView(DetailView):
    """A post's page: public once published; staff may preview drafts and scheduled posts.

    The model's manager must offer ``for_detail(now=None)`` (its select/prefetch set, single
    level) and ``published()`` (the one definition of public).
    """

    def get_object(self, queryset=None):
        user = self.request.user
        if queryset is not None or (user.is_authenticated and user.is_staff):
            return super().get_object(queryset)
        # The public page's own query, built once (hypogal/prepared.py): the same queryset
        # get_queryset() makes, with this page's slug, reader and moment swapped in.
        post = _public_post(self.model).first(
            slug=self.kwargs[self.slug_url_kwarg],
            visitor=visitors.get(self.request).hash,
            now=timezone.now(),
        )
        if post is None:
            raise Http404("No such post.")
        return post

    def get_queryset(self):
        queryset = self.model.objects.for_detail()
        user = self.request.user
        if not (user.is_authenticated and user.is_staff):
            queryset = queryset.published()
        # Like and comment counts ride along in the post's own query.
        return engagement.annotate(queryset, self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        context.update(related.context_for(self.object, shown=self.linked_elsewhere()))
        # Comments and likes for every kind of post: engagement/section.html and
        # engagement/like_button.html read only this and ``object``.
        context["engagement"] = engagement.for_page(self.request, self.object)
        site = SiteSettings.for_request(self.request)
        context["structured_data"] = seo.json_ld_script(
            seo.structured_data(self.request, self.object, site)
        )
        return context

    def linked_elsewhere(self):
        """Posts this page links outside the related sections, which then leave them out."""
        return []

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            # A preview must never be stored by a browser or shared cache.
            add_never_cache_headers(response)
        return response


@functools.cache
def _public_post(model):
    def build(slug, visitor, now):
        # The markdown source stays behind: the page shows the HTML rendered from it on save.
        public = model.objects.for_detail(now).published(now).defer("body")
        return engagement.annotate_for(public, visitor).filter(slug=slug)

    return prepared.PreparedObjects(
        model, build, model.objects.for_detail,
        slug="hypogal-stand-in-slug", visitor="hypogal-stand-in-visitor", now=prepared.ANY_MOMENT,
    )


class PublicListView(ListView):
    """Newest first, ten a page; ``?condition=<slug>`` narrows it to one condition."""

    paginate_by = 10

    def get_queryset(self):
        queryset = self.model.objects.for_list().cards()
        slug = self.request.GET.get("condition", "")
        self.condition = None
        if slug:
            conditions = self.model._meta.get_field("conditions").related_model
            self.condition = get_object_or_404(conditions, slug=slug)
            queryset = queryset.filter(conditions=self.condition)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["condition"] = self.condition
        if self.condition:
            context["page_query"] = urlencode({"condition": self.condition.slug}) + "&"
        page = context["page_obj"]
        context["canonical_url"] = canonical_url(
            self.request,
            condition=self.condition.slug if self.condition else "",
            page=page.number if page else "",
        )
        return context
