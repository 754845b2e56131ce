"""backup -> restore loses nothing: posts, photos (byte for byte), comments, likes. Both DBs."""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from hypogal import backup as backup_module
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


def _edit_manifest(folder, change):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda m: m.update(database="../../elsewhere.sqlite3"), id="database outside"),
        pytest.param(lambda m: m["files"].pop(m["database"]), id="database unlisted"),
        pytest.param(lambda m: m["files"].update({"media/../../x": "0"}), id="file outside"),
        pytest.param(lambda m: m["files"].update({"/etc/passwd": "0"}), id="absolute path"),
        pytest.param(lambda m: m.pop("files"), id="no file list"),
    ],
)
def test_a_crafted_manifest_is_refused_before_anything_changes(tmp_path, media_root, change):
    factories.article(slug="in-the-backup")
    call_command("backup", str(tmp_path / "b"))
    _edit_manifest(tmp_path / "b", change)
    factories.article(slug="still-here")
    with pytest.raises(CommandError, match="manifest|trusted|never holds"):
        call_command("restore", str(tmp_path / "b"))
    assert Article.objects.filter(slug="still-here").exists()


def test_restore_copies_only_listed_files_and_never_follows_a_link(tmp_path, media_root):
    secret = tmp_path / "server-secret.txt"
    secret.write_text("DJANGO_SECRET_KEY=not-for-readers")
    factories.photo(factories.story())
    call_command("backup", str(tmp_path / "b"))
    (tmp_path / "b" / "media" / "unlisted.html").write_text("<script>alert(1)</script>")
    (tmp_path / "b" / "media" / "leak.txt").symlink_to(secret)

    call_command("restore", str(tmp_path / "b"))
    assert not (media_root / "unlisted.html").exists()
    assert not (media_root / "leak.txt").exists()
    assert Photo.objects.count() == 1

    # Listing the link in the manifest (checksum and all) does not make it trusted.
    checksum = hashlib.sha256(secret.read_bytes()).hexdigest()
    _edit_manifest(tmp_path / "b", lambda m: m["files"].update({"media/leak.txt": checksum}))
    with pytest.raises(CommandError, match="link"):
        call_command("restore", str(tmp_path / "b"))
    assert not (media_root / "leak.txt").exists()


def test_restore_into_a_linked_media_folder_keeps_the_link(tmp_path, settings):
    real = tmp_path / "mounted-media"
    real.mkdir()
    settings.MEDIA_ROOT = tmp_path / "linked-media"
    settings.MEDIA_ROOT.symlink_to(real)
    factories.photo(factories.story())
    before = sorted(p.relative_to(real) for p in images.files_under(real))
    call_command("backup", str(tmp_path / "b"))
    (real / "stray.jpg").write_bytes(b"x")

    call_command("restore", str(tmp_path / "b"))
    assert settings.MEDIA_ROOT.is_symlink()
    assert sorted(p.relative_to(real) for p in images.files_under(real)) == before


def test_restore_stops_before_the_database_when_media_cannot_be_written(
    tmp_path, media_root, monkeypatch
):
    factories.article(slug="in-the-backup")
    call_command("backup", str(tmp_path / "b"))
    factories.article(slug="written-later")
    # The suite runs as root here, which may write anywhere: the OS's answer is played instead.
    monkeypatch.setattr(backup_module.os, "access", lambda path, mode: path != media_root)
    with pytest.raises(CommandError, match="not writable"):
        call_command("restore", str(tmp_path / "b"))
    assert Article.objects.filter(slug="written-later").exists()


def test_a_backup_is_never_written_into_the_public_media_folder(media_root):
    with pytest.raises(CommandError, match="public"):
        call_command("backup", str(media_root / "backups" / "today"))
    assert not (media_root / "backups").exists()


def test_a_restore_shows_fresh_site_settings_at_once(tmp_path, client):
    from hypogal.models import SiteSettings

    SiteSettings.objects.create(site_name="Before the backup")
    call_command("backup", str(tmp_path / "b"))
    changed = SiteSettings.current()
    changed.site_name = "Renamed later"
    changed.save()
    assert "Renamed later" in client.get("/").content.decode()

    call_command("restore", str(tmp_path / "b"))
    assert "Before the backup" in client.get("/").content.decode()


def test_a_failed_backup_says_why_and_leaves_its_folder_ready_for_a_retry(
    tmp_path, media_root, monkeypatch
):
    factories.photo(factories.story())

    def disk_full(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "_sha256", disk_full)
    with pytest.raises(CommandError, match="No space left"):
        call_command("backup", str(tmp_path / "b"))
    assert list((tmp_path / "b").iterdir()) == []

    monkeypatch.undo()
    call_command("backup", str(tmp_path / "b"))
    assert (tmp_path / "b" / "manifest.json").is_file()


def test_a_postgresql_tool_failing_shows_its_own_message(monkeypatch):
    monkeypatch.setattr(backup_module, "_program", lambda name: "/bin/sh")
    script = "echo 'connection to server failed: Connection refused' >&2; exit 1"
    with pytest.raises(backup_module.BackupError, match="pg_dump failed: connection to server"):
        backup_module._run("pg_dump", "-c", script, env={})
