from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("conditions/<slug:slug>/", views.ConditionDetailView.as_view(), name="condition"),
]
