"""backup -> restore loses nothing: posts, photos (byte for byte), comments, likes. Both DBs."""

import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from hypogal.engagement.models import Comment, Like, LikeTally
from stories.models import Photo, Story
from tests import factories, images

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot(media_root):
    return {
        "articles": sorted(
            Article.objects.values_list("slug", "title", "status", "published_at", "body_html")
        ),
        "stories": sorted(Story.objects.values_list("slug", flat=True)),
        "photos": sorted(Photo.objects.values_list("image", "alt_text")),
        "comments": sorted(
            Comment.objects.values_list(
                "name", "body", "status", "created_at", "parent__name", "by_author"
            )
        ),
        "likes": Like.objects.count(),
        # What the page shows: the stored tally, not only the rows.
        "like counts": sorted(LikeTally.objects.values_list("object_id", "count")),
        "files": {
            p.relative_to(media_root).as_posix(): p.read_bytes()
            for p in images.files_under(media_root)
        },
    }


def test_round_trip_loses_nothing(tmp_path, media_root):
    condition = factories.condition()
    article = factories.article(conditions=[condition], body="## Hi\n\nThere")
    story = factories.story(conditions=[condition])
    factories.photo(story, image=images.jpeg_bytes(width=1200, height=800))
    first = factories.comment(article, name="Ann", body="Me too")
    factories.comment(article, name="Author", body="Thank you", parent=first, by_author=True)
    factories.comment(story, status="pending")
    for _ in range(3):
        factories.like(article)
    before = snapshot(media_root)
    assert before["files"] and before["likes"] == 3

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert len(manifest["files"]) == len(before["files"]) + 1  # + the database

    # Disaster: content deleted and changed, files gone.
    Story.objects.all().delete()
    Article.objects.update(title="changed")
    Like.objects.all().delete()
    LikeTally.objects.all().delete()
    Comment.objects.filter(parent__isnull=False).delete()
    for path in images.files_under(media_root):
        path.unlink()
    factories.article(slug="written-after-the-backup")

    call_command("restore", str(tmp_path / "backup"))
    assert snapshot(media_root) == before
    assert not Article.objects.filter(slug="written-after-the-backup").exists()


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, media_root):
    story = factories.story()
    factories.photo(story)
    call_command("backup", str(tmp_path / "b"))
    photo_copy = next((tmp_path / "b" / "media").rglob("*.jpg"))
    photo_copy.write_bytes(b"tampered")
    factories.article(slug="still-here")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "b"))
    assert Article.objects.filter(slug="still-here").exists()


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path))
