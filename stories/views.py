from hypogal.views import PublicDetailView, PublicListView
from stories.models import Story


class StoryListView(PublicListView):
    model = Story
    template_name = "stories/story_list.html"
    context_object_name = "stories"


class StoryDetailView(PublicDetailView):
    model = Story
    template_name = "stories/story_detail.html"
    context_object_name = "story"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = self.object
        # Each photo once: where the text places it ([photo N]), else side by side as the
        # before/after pair, else in the gallery (numbered as in the text, #photo-N).
        photos = list(story.photos.all())
        in_text = story.photos_in_text(photos)
        comparison = story.comparison()
        if comparison and all(photo in in_text for photo in comparison):
            comparison = None  # both already side by side with her words
        shown = [*in_text, *(comparison or ())]
        context["photos"] = [(n, p) for n, p in enumerate(photos, 1) if p not in shown]
        context["comparison"] = comparison
        context["previous_part"], context["next_part"] = self.neighbours
        return context

    def linked_elsewhere(self):
        # The series' parts and the overviews the story names come first on its page.
        self.neighbours = self.object.series_neighbours()
        parts = [part for part in self.neighbours if part is not None]
        return [*parts, *self.object.related_articles.all()]
