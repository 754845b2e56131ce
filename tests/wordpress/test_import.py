"""One import of the realistic blog: every rule of issue 8, checked on what landed."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError
from django.utils import timezone

from articles.models import Article, Condition
from hypogal.engagement.models import Comment
from hypogal.wordpress.models import ImportedImage, ImportedPost
from stories.models import Photo, Story
from tests.images import metadata_of
from tests.wordpress.conftest import blog_items, run, write_blog

pytestmark = pytest.mark.django_db


def comments_of(post):
    return {c.name: c for c in Comment.objects.filter(object_id=post.pk,
                                                      content_type__model=post._meta.model_name)}


def test_posts_become_articles_or_stories_by_the_category_rule(imported):
    assert set(Article.objects.values_list("slug", flat=True)) == {
        "what-is-cervical-dystonia", "sheehans-notes", "coming-soon", "private-thoughts"
    }
    assert list(Story.objects.values_list("slug", flat=True)) == ["rocks-in-my-neck"]
    assert ImportedPost.objects.count() == 5
    assert ImportedPost.objects.get(wp_id=102).story.slug == "rocks-in-my-neck"
    assert ImportedPost.objects.get(wp_id=101).wp_author == "Jane Doe"


def test_without_a_stories_category_every_post_is_an_article(existing_conditions, export_file,
                                                            uploads):
    run(export_file, "--uploads", uploads)
    assert Story.objects.count() == 0
    assert Article.objects.count() == 5


def test_titles_slugs_dates_and_statuses(imported):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")  # WordPress's slug, kept
    assert overview.title == "What is cervical dystonia?"
    assert overview.published_at == dt.datetime(2019, 3, 12, 9, 30, tzinfo=dt.timezone.utc)
    assert overview.is_published
    story = Story.objects.get(slug="rocks-in-my-neck")
    assert story.published_at == dt.datetime(2019, 3, 20, 8, 0, tzinfo=dt.timezone.utc)
    draft = Article.objects.get(slug="sheehans-notes")  # a draft without a slug: from its title
    assert draft.title == "Sheehan’s notes"  # HTML entities decoded
    assert (draft.status, draft.published_at) == ("draft", None)
    private = Article.objects.get(slug="private-thoughts")
    assert private.status == "draft"
    scheduled = Article.objects.get(slug="coming-soon")
    assert scheduled.status == "published" and scheduled.is_scheduled
    assert scheduled.published_at.year == 2099
    assert set(Article.objects.published().values_list("slug", flat=True)) == {
        "what-is-cervical-dystonia"
    }


def test_excerpt_is_the_summary_else_the_first_sentences(imported):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    assert overview.summary == ("A plain overview of cervical dystonia: what it is and how it "
                                "is treated.")
    story = Story.objects.get(slug="rocks-in-my-neck")
    assert story.summary.startswith("I woke up and my head would not turn.")
    assert len(story.summary) <= 300


def test_a_long_body_without_excerpt_gives_sentences_within_300(existing_conditions, tmp_path):
    from tests.wordpress.wxr import WPItem

    sentence = "My neck pulled to the left again today and I could not hold my cup. "
    path = write_blog(tmp_path / "e.xml", [WPItem(id=1, title="Long", slug="long",
                                                  content=sentence * 12)])
    run(path)
    summary = Article.objects.get(slug="long").summary
    assert summary.endswith("cup.") and len(summary) <= 300
    assert summary.count("My neck") == 4


def test_categories_and_tags_become_conditions(imported, existing_conditions):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    assert list(overview.conditions.all()) == [existing_conditions["cd"]]  # matched, not created
    draft = Article.objects.get(slug="sheehans-notes")
    # The tag "Sheehan syndrome" matches the condition's other names.
    assert list(draft.conditions.all()) == [existing_conditions["sheehan"]]
    scheduled = Article.objects.get(slug="coming-soon")
    created = Condition.objects.get(slug="relapsing-polychondritis")  # a missing category
    assert list(scheduled.conditions.all()) == [created]
    assert created.name == "Relapsing polychondritis"
    story = Story.objects.get(slug="rocks-in-my-neck")
    assert list(story.conditions.all()) == [existing_conditions["cd"]]  # not "My Story"
    # Neither the stories category, "Uncategorized" nor a tag became a condition.
    assert set(Condition.objects.values_list("slug", flat=True)) == {
        "cervical-dystonia", "sheehans-syndrome", "relapsing-polychondritis"
    }
    assert "not conditions: Botox, Uncategorized." in imported
    assert "new: Relapsing polychondritis." in imported


def test_skip_category_and_no_new_conditions(existing_conditions, export_file, tmp_path):
    run(export_file, "--no-new-conditions")
    assert Condition.objects.count() == 2
    run(export_file, "--skip-category", "Relapsing polychondritis")
    # Without a stories category, "My Story" is just another category: listed in the dry run
    # and the summary as a new condition, so the author can skip it.
    assert set(Condition.objects.values_list("slug", flat=True)) == {
        "cervical-dystonia", "sheehans-syndrome", "my-story"
    }


def test_the_body_is_clean_markdown_rendered_by_the_site(imported):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    body, html = overview.body, overview.body_html
    assert body.startswith("**Cervical dystonia** makes the neck muscles pull. It is *rare*.")
    assert "## What does it feel like?" in body and "### Treatment" in body
    assert "- A pulling neck" in body
    assert "> It felt like rocks in my neck." in body
    assert "[three months](https://www.nhs.example/botox)" in body
    # A link to another old post is a path the legacy redirects answer.
    assert "[my story](/2019/03/20/rocks-in-my-neck/)" in body
    assert '<h2 id="what-does-it-feel-like">' in html and "<blockquote>" in html
    assert "<script" not in html and "alert" not in html and "<iframe" not in html
    assert overview.toc_html  # the table of contents comes from the converted headings


def test_caption_image_in_an_article_is_stored_through_the_pipeline(imported, media_root):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    row = overview.wordpress_import.images.get()
    assert row.source == "2019/03/neck-300x200.jpg"  # the size WordPress showed in the text
    assert row.stored_name.startswith("uploads/wordpress/2019/03/neck-300x200-")
    url = default_storage.url(row.stored_name)
    assert f'![The muscles of the neck]({url} "The neck muscles involved")' in overview.body
    assert "*The neck muscles involved*" in overview.body
    assert f'src="{url}"' in overview.body_html
    stored = metadata_of(default_storage.path(row.stored_name))
    assert stored["gps"] == {} and stored["exif"] == {} and stored["size"] == (300, 200)


def test_the_thumbnail_becomes_the_articles_featured_image(imported):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    assert overview.featured_image.name.startswith("articles/")
    assert overview.featured_image_alt == "The muscles of the neck"
    assert overview.featured_image_width == 600 and "w480" in overview.featured_image_renditions
    assert metadata_of(overview.featured_image.path)["gps"] == {}


def test_story_images_become_photos_placed_in_the_text(imported):
    story = Story.objects.get(slug="rocks-in-my-neck")
    (photo,) = story.photos.all()  # thumbnail, inline image and gallery: one file, one photo
    assert photo.alt_text == "My face, tilted to the left"
    assert photo.location_removed  # the phone photo carried GPS
    original = metadata_of(photo.image.path)
    assert original["gps"] == {} and original["exif"] == {}
    assert original["size"] == (1200, 800)  # the original file, not WordPress's 1024 copy
    assert set(photo.renditions) == {"w480", "w960", "thumb"}
    assert story.body.count("[photo 1]") == 2
    assert "I woke up and my head would not turn." in story.body
    assert story.body_html.count('<figure class="inline-photo">') == 2
    assert photo.image.url in story.body_html


def test_a_missing_file_is_reported_by_name_and_the_import_goes_on(imported):
    assert "Missing image file 2020/05/missing.jpg" in imported
    story = Story.objects.get(slug="rocks-in-my-neck")
    # Still in the text, at its old address and with its caption, for the author to fix.
    assert "wp-content/uploads/2020/05/missing.jpg" in story.body
    assert "*After treatment*" in story.body
    assert Article.objects.filter(slug="coming-soon").exists()  # later posts imported too


def test_without_uploads_every_image_is_reported(existing_conditions, export_file):
    output = run(export_file)
    assert "no --uploads folder was given" in output
    assert Photo.objects.count() == 0
    assert Article.objects.get(slug="what-is-cervical-dystonia").featured_image.name == ""


def test_a_refused_image_falls_back_to_the_original_else_is_reported(
    existing_conditions, export_file, uploads
):
    (uploads / "2019/03/neck-300x200.jpg").write_bytes(b"<svg onload=alert(1)>")
    output = run(export_file, "--uploads", uploads)
    assert "was refused" not in output  # the original beside it was used instead
    assert ImportedImage.objects.get(post__wp_id=101).source == "2019/03/neck.jpg"
    (uploads / "2019/03/neck.jpg").write_bytes(b"\xff\xd8 truncated jpeg")
    Article.objects.all().delete()
    output = run(export_file, "--uploads", uploads)
    assert "Image 2019/03/neck-300x200.jpg was refused: This file is not an image" in output
    assert "Image 2019/03/neck.jpg was refused" in output
    assert "svg" not in Article.objects.get(slug="what-is-cervical-dystonia").body_html


def test_an_image_path_outside_the_uploads_folder_is_refused(existing_conditions, tmp_path,
                                                            uploads):
    from tests.wordpress.wxr import BLOG, WPItem

    (tmp_path / "private.jpg").write_bytes((uploads / "2019/03/neck.jpg").read_bytes())
    content = f'<img src="{BLOG}/wp-content/uploads/../private.jpg" alt="x">'
    path = write_blog(tmp_path / "e.xml", [WPItem(id=1, title="T", slug="t", content=content)])
    output = run(path, "--uploads", uploads)
    assert "Refused an image path outside the uploads folder: ../private.jpg" in output
    assert not default_storage.exists("uploads")


def test_comments_keep_approval_names_dates_threading_and_emails(imported):
    overview = Article.objects.get(slug="what-is-cervical-dystonia")
    comments = comments_of(overview)
    assert set(comments) == {"Ann", "Jane Doe", "Bob", "Dee Evil: header"}  # no spam/trash/ping
    ann, jane, bob, dee = (comments[n] for n in ("Ann", "Jane Doe", "Bob", "Dee Evil: header"))
    assert (ann.status, jane.status, bob.status, dee.status) == (
        "approved", "approved", "pending", "pending")
    assert ann.body == "So helpful.\nThank you!"
    assert ann.email == "ann@example.org" and dee.email == ""  # an invalid address is dropped
    assert ann.created_at == dt.datetime(2019, 3, 13, 10, 0, tzinfo=dt.timezone.utc)
    assert ann.parent is None and jane.parent == ann
    assert bob.parent == ann  # a reply to a reply joins its top-level comment's thread
    assert jane.by_author and not ann.by_author
    assert jane.body == "Glad it helps, more here (https://example.org/x)."
    assert ann.ip_hash == "" and ann.visitor_hash == ""  # no raw IP is brought in
    story = Story.objects.get(slug="rocks-in-my-neck")
    assert [c.name for c in comments_of(story).values()] == ["Eve"]
    assert ("Comments: 5 (3 approved, 2 pending; 5 new); not imported: 1 spam, 1 trash, "
            "1 pingbacks/trackbacks") in imported


def test_imported_comments_show_on_the_page_without_emails(imported, client):
    page = client.get("/articles/what-is-cervical-dystonia/").content.decode()
    assert "So helpful." in page and "Jane Doe" in page
    assert "Replying to the reply." not in page  # pending
    assert "ann@example.org" not in page and "jane@example.org" not in page


def test_the_summary_names_every_kind_of_result(imported):
    assert imported.startswith("Import finished.")
    assert (
        "Posts: 5 → 4 articles, 1 stories (5 new, 0 updated, 0 kept as you edited them); "
        "2 drafts, 1 scheduled." in imported
    )
    assert "Images: 3 stored through the image pipeline (3 had a location, removed)" in imported
    assert "1 missing or refused" in imported
    assert "Redirects: 9 old addresses answer 301." in imported
    assert "Authors: Jane Doe." in imported
    assert ("Not imported: attachments not shown in any post: 1, "
            "nav_menu_item: 1, page: 1.") in imported
    assert "Page “About” was not imported" in imported
    for warning in ("contact-form-7", "<script>", "iframe became a plain link",
                    "New condition “Relapsing polychondritis”"):
        assert warning in imported


def test_a_taken_slug_gets_a_suffix_and_a_warning(existing_conditions, export_file):
    from tests import factories

    mine = factories.article(slug="what-is-cervical-dystonia", title="My own")
    output = run(export_file, "--no-new-conditions")
    assert Article.objects.get(pk=mine.pk).title == "My own"  # never overwritten
    assert Article.objects.filter(slug="what-is-cervical-dystonia-2").exists()
    assert "“what-is-cervical-dystonia” was taken" in output


def test_a_missing_uploads_folder_is_a_clear_error(db, export_file, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        run(export_file, "--uploads", tmp_path / "nope")


def test_a_missing_stories_category_is_reported(existing_conditions, export_file):
    output = run(export_file, "--stories-category", "Journey")
    assert "There is no category “journey” in the export" in output
    assert Story.objects.count() == 0


def test_scheduled_post_becomes_public_when_its_date_comes(imported):
    scheduled = Article.objects.get(slug="coming-soon")
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1))
    assert Article.objects.published().filter(pk=scheduled.pk).exists()


def test_a_post_pending_review_in_wordpress_arrives_as_a_draft(db, tmp_path, uploads):
    items = blog_items({105: {"status": "pending", "title": "Waiting for review"}})
    run(write_blog(tmp_path / "pending.xml", items), "--uploads", uploads)
    post = Article.objects.get(slug="private-thoughts")
    assert (post.title, post.status, post.published_at) == ("Waiting for review", "draft", None)
    assert client_get(post.get_absolute_url()).status_code == 404


def client_get(url):
    from django.test import Client

    return Client().get(url)
