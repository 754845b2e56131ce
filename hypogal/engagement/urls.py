from django.urls import path

from hypogal.engagement import views

app_name = "engagement"

# A post is named by its model and primary key, and looked up among published posts only.
urlpatterns = [
    path(
        "engagement/<slug:app_label>/<slug:model_name>/<int:pk>/comment/",
        views.comment,
        name="comment",
    ),
    path(
        "engagement/<slug:app_label>/<slug:model_name>/<int:pk>/like/",
        views.like,
        name="like",
    ),
    path("engagement/replies/stop/<str:token>/", views.stop_replies, name="stop_replies"),
]
