"""Running the same export again updates what it imported, keyed by WordPress's ids."""

import pytest

from articles.models import Article
from hypogal.engagement.models import Comment
from hypogal.wordpress.models import ImportedComment, ImportedImage, LegacyRedirect
from stories.models import Photo, Story
from tests.images import files_under
from tests.wordpress.conftest import blog_items, run, write_blog
from tests.wordpress.wxr import WPComment

pytestmark = pytest.mark.django_db

STORIES = ("--stories-category", "My Story")


def counts():
    return {model.__name__: model.objects.count() for model in (
        Article, Story, Photo, Comment, ImportedComment, ImportedImage, LegacyRedirect)}


def test_the_same_export_twice_creates_nothing_twice(imported, export_file, uploads, media_root):
    before, files = counts(), files_under(media_root)
    pks = set(Article.objects.values_list("pk", flat=True))
    output = run(export_file, "--uploads", uploads, *STORIES)
    assert counts() == before
    assert set(Article.objects.values_list("pk", flat=True)) == pks
    assert files_under(media_root) == files  # no image stored again
    assert "(0 new, 5 updated, 0 kept as you edited them)" in output
    assert "Images: 0 stored" in output and "3 already imported" in output
    assert "0 new); not imported" in output  # comments


def test_changes_in_wordpress_update_the_imported_posts(imported, tmp_path, uploads):
    story = Story.objects.get(slug="rocks-in-my-neck")
    changed = blog_items({
        101: {"title": "Cervical dystonia, explained", "excerpt": "New summary."},
        102: {"content": "A shorter story now."},
    })
    changed[1].comments.append(WPComment(9, author="Finn", content="New comment."))
    run(write_blog(tmp_path / "newer.xml", changed), "--uploads", uploads, *STORIES)
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    assert (overview.title, overview.summary) == ("Cervical dystonia, explained", "New summary.")
    story.refresh_from_db()
    assert story.body == "A shorter story now.\n"
    assert story.body_html == "<p>A shorter story now.</p>"
    assert Story.objects.count() == 1
    assert Comment.objects.filter(name="Finn", object_id=story.pk).count() == 1


def test_moderation_done_on_the_site_is_kept(imported, export_file, uploads, tmp_path):
    bob = Comment.objects.get(name="Bob")
    bob.status = Comment.Status.APPROVED  # the author approved it here
    bob.save()
    Comment.objects.get(name="Eve").delete()  # and deleted this one
    run(export_file, "--uploads", uploads, *STORIES)
    assert Comment.objects.get(name="Bob").status == "approved"
    assert not Comment.objects.filter(name="Eve").exists()  # not brought back
    # When WordPress's own state changes, the new state is taken.
    items = blog_items()
    items[0].comments[6].approved = "1"  # Dee's comment approved in WordPress since
    output = run(write_blog(tmp_path / "newer.xml", items), "--uploads", uploads, *STORIES)
    assert Comment.objects.get(name="Dee Evil: header").status == "approved"
    assert "1 deleted here" in output


def test_a_deleted_photo_comes_back_and_author_alt_text_stays(imported, export_file, uploads):
    story = Story.objects.get(slug="rocks-in-my-neck")
    story.photos.get().delete()
    run(export_file, "--uploads", uploads, *STORIES)
    photo = story.photos.get()
    assert photo.alt_text == "My face, tilted to the left"
    assert ImportedImage.objects.filter(photo=photo).count() == 1


def test_a_post_keeps_its_kind_when_the_rule_changes(imported, export_file, uploads):
    output = run(export_file, "--uploads", uploads)  # no stories category this time
    assert Story.objects.filter(slug="rocks-in-my-neck").exists()
    assert not Article.objects.filter(slug__startswith="rocks-in-my-neck").exists()
    assert "Imported before as story: it stays one" in output


def test_a_post_edited_on_the_site_is_kept_as_she_left_it(imported, export_file, uploads, tmp_path):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    overview.title, overview.slug = "Cervical dystonia: my corrected guide", "cd-guide"
    overview.body = "My corrected text."
    overview.status = Article.Status.DRAFT  # and she took it off the site for now
    overview.save()
    changed = blog_items({})
    changed[0].comments.append(WPComment(19, author="Gwen", content="Still here?"))

    output = run(write_blog(tmp_path / "again.xml", changed), "--uploads", uploads, *STORIES)
    overview.refresh_from_db()
    assert (overview.title, overview.slug, overview.status) == (
        "Cervical dystonia: my corrected guide", "cd-guide", "draft"
    )
    assert overview.body == "My corrected text."
    assert "“Cervical dystonia: my corrected guide”: Changed on this site" in output
    assert "4 updated, 1 kept as you edited them); 3 drafts" in output  # hers is a draft now
    assert Comment.objects.filter(name="Gwen", object_id=overview.pk).exists()  # still comes

    run(export_file, "--uploads", uploads, *STORIES, "--overwrite-edited")
    overview.refresh_from_db()
    assert overview.slug == "what-is-cervical-dystonia" and overview.status == "published"


def test_the_same_comment_id_in_two_posts_stays_with_each_post(tmp_path, uploads):
    items = blog_items({})
    items[0].comments.append(WPComment(500, author="Ottilie", content="On the overview."))
    items[1].comments.append(WPComment(500, author="Percival", content="On the story."))
    export = write_blog(tmp_path / "merged.xml", items)
    for _ in range(2):  # and again: still one each
        run(export, "--uploads", uploads, *STORIES)
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    story = Story.objects.get(slug="rocks-in-my-neck")
    assert list(Comment.objects.filter(name="Ottilie").values_list("object_id", flat=True)) == [
        overview.pk
    ]
    assert list(Comment.objects.filter(name="Percival").values_list("object_id", flat=True)) == [
        story.pk
    ]
