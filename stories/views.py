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
        context["photos"] = list(story.photos.all())
        context["comparison"] = story.comparison()
        context["previous_part"], context["next_part"] = story.series_neighbours()
        return context
