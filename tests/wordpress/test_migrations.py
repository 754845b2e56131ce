"""Posts imported before the import recorded their time: an edit the author made since is kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.stories.test_migrations import back_to_latest, migrate  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_earlier_imports_learn_which_posts_she_edited(back_to_latest):  # noqa: F811
    old = migrate([("wordpress", "0003_comment_id_per_post")])
    Article = old.get_model("articles", "Article")
    ImportedPost = old.get_model("wordpress", "ImportedPost")
    imported_at = timezone.now() - timedelta(days=10)
    post = {"summary": "s", "body": "b", "status": "published", "published_at": imported_at}
    untouched = Article.objects.create(title="As imported", slug="as-imported", **post)
    edited = Article.objects.create(title="Corrected", slug="corrected", **post)
    for article, updated in ((untouched, imported_at + timedelta(seconds=3)),
                             (edited, imported_at + timedelta(days=2))):
        Article.objects.filter(pk=article.pk).update(updated_at=updated)
        row = ImportedPost.objects.create(wp_id=article.pk, article_id=article.pk)
        ImportedPost.objects.filter(pk=row.pk).update(imported_at=imported_at)

    new = migrate([("wordpress", "0004_post_updated_at_for_earlier_imports")])
    rows = new.get_model("wordpress", "ImportedPost").objects
    recorded = dict(rows.values_list("article__slug", "post_updated_at"))
    assert recorded["as-imported"] == imported_at + timedelta(seconds=3)  # not edited
    assert recorded["corrected"] == imported_at  # edited since: the next import keeps it
