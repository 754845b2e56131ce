"""The invariants added later mend the rows older versions let in, instead of failing."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("stories", "0002_search_document"), ("articles", "0003_search_document")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the schema every other test expects


def test_older_stories_and_articles_are_mended_not_refused(back_to_latest):
    old = migrate(BEFORE)
    Series = old.get_model("stories", "Series")
    Story = old.get_model("stories", "Story")
    Article = old.get_model("articles", "Article")
    series = Series.objects.create(title="Finding a diagnosis", slug="diagnosis")
    post = {"summary": "s", "body": "b"}
    Story.objects.create(title="One", slug="one", series=series, series_part=1, **post)
    Story.objects.create(title="Zero", slug="zero", series=series, series_part=0, **post)
    Story.objects.create(title="Loose", slug="loose", series_part=4, **post)
    pictured = Article.objects.create(title="Pictured", slug="pictured", **post)
    Article.objects.filter(pk=pictured.pk).update(featured_image="a.jpg")
    nameless = Article.objects.create(title="No address", slug="", **post)
    Article.objects.create(title="Imported", slug=f"post-{nameless.pk}", **post)

    new = migrate(
        [
            ("stories", "0004_posts_dates_and_invariants"),
            ("articles", "0005_posts_dates_and_invariants"),
        ]
    )
    Story = new.get_model("stories", "Story")
    parts = dict(Story.objects.values_list("slug", "series_part"))
    assert parts == {"one": 1, "zero": 2, "loose": None}
    articles = new.get_model("articles", "Article").objects
    alts = articles.filter(slug="pictured").values_list("featured_image_alt", flat=True)
    assert alts.get() == "Photo from “Pictured”"
    assert articles.values_list("slug", flat=True).get(pk=nameless.pk) == f"post-{nameless.pk}-2"


def test_bodies_rendered_before_have_their_heading_links_hidden_from_screen_readers(
    back_to_latest,
):
    old = migrate([("stories", "0006_search_other_names"), ("articles", "0007_search_other_names")])
    link = '<a class="headerlink" href="#why" title="Link to this section">#</a>'
    body = f'<h2 id="why">Why?{link}</h2><p>Because.</p>'
    for app, model in (("stories", "Story"), ("articles", "Article")):
        old.get_model(app, model).objects.create(
            title="Old", slug="old", summary="s", body="## Why?", body_html=body
        )
    new = migrate([("stories", "0007_quiet_headerlinks"), ("articles", "0008_quiet_headerlinks")])
    for app, model in (("stories", "Story"), ("articles", "Article")):
        (stored,) = new.get_model(app, model).objects.values_list("body_html", flat=True)
        assert '<a class="headerlink" aria-hidden="true" tabindex="-1" href="#why"' in stored
        assert stored.count("aria-hidden") == 1 and "<p>Because.</p>" in stored
