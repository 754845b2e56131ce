from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("stories/", views.StoryListView.as_view(), name="list"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="detail"),
]
