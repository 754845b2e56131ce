"""All or nothing: a bad or hostile file, an error half way and a dry run leave the site as it was.

These run in real transactions (``transaction=True``): the import's own rollback is what is
tested, not the test's wrapping transaction, and files written before it must be gone again.
"""

import pytest
from django.core.management import CommandError

from articles.models import Article, Condition
from hypogal.engagement.models import Comment
from hypogal.wordpress import importer as importer_module
from hypogal.wordpress.models import (
    ImportedComment,
    ImportedImage,
    ImportedPost,
    LegacyRedirect,
)
from stories.models import Photo, Story
from tests.images import files_under
from tests.wordpress.conftest import CATEGORIES, blog_items, run, write_blog
from tests.wordpress.test_parser import malicious
from tests.wordpress.wxr import document

pytestmark = pytest.mark.django_db(transaction=True)
STORIES = ("--stories-category", "My Story")
MODELS = (Article, Story, Photo, Comment, Condition, ImportedPost, ImportedComment,
          ImportedImage, LegacyRedirect)


def snapshot(media_root):
    return (
        {model.__name__: model.objects.count() for model in MODELS},
        sorted(Article.objects.values_list("slug", "title", "body")),
        sorted(Comment.objects.values_list("name", "status")),
        files_under(media_root),
    )


@pytest.mark.parametrize("kind", ["billion_laughs", "external_entity"])
def test_a_malicious_export_is_refused_without_harm(existing_conditions, tmp_path, media_root,
                                                    kind):
    before = snapshot(media_root)
    with pytest.raises(CommandError, match="Refused: the file declares a DTD") as error:
        run(malicious(tmp_path, kind))
    assert "Nothing was imported" in str(error.value)
    assert snapshot(media_root) == before
    assert not Article.objects.filter(title__contains="TOP-SECRET").exists()
    assert not Article.objects.filter(title__contains="lol").exists()


def test_a_truncated_file_leaves_the_database_as_it_was(imported, tmp_path, uploads,
                                                        media_root):
    before = snapshot(media_root)
    whole = document(blog_items({101: {"title": "Changed"}}), categories=CATEGORIES)
    truncated = tmp_path / "truncated.xml"
    truncated.write_text(whole[: int(len(whole) * 0.8)])
    with pytest.raises(CommandError, match="not well-formed XML.*truncated"):
        run(truncated, "--uploads", uploads, *STORIES)
    assert snapshot(media_root) == before


def test_an_error_half_way_undoes_everything_including_files(existing_conditions, export_file,
                                                            uploads, media_root, monkeypatch):
    before = snapshot(media_root)
    real = importer_module.Importer.redirects
    calls = []

    def fail_on_the_second_post(self, item, imported):
        calls.append(item.id)
        if len(calls) == 2:  # the first post and its images, comments are written by now
            raise RuntimeError("disk full")
        return real(self, item, imported)

    monkeypatch.setattr(importer_module.Importer, "redirects", fail_on_the_second_post)
    with pytest.raises(CommandError, match="stopped and nothing was saved: RuntimeError: disk"):
        run(export_file, "--uploads", uploads, *STORIES)
    assert snapshot(media_root) == before
    assert files_under(media_root) == []


def test_a_dry_run_reports_and_writes_nothing(existing_conditions, export_file, uploads,
                                              media_root):
    before = snapshot(media_root)
    output = run(export_file, "--uploads", uploads, "--dry-run", *STORIES)
    assert output.startswith("Dry run: nothing was saved.")
    assert "Posts: 5 → 4 articles, 1 stories (5 new, 0 updated, 0 kept" in output
    assert "Images: 3 stored through the image pipeline" in output
    assert "Missing image file 2020/05/missing.jpg" in output
    assert snapshot(media_root) == before
    assert files_under(media_root) == []


def test_a_dry_run_after_an_import_changes_nothing(imported, tmp_path, uploads, media_root):
    before = snapshot(media_root)
    newer = write_blog(tmp_path / "newer.xml", blog_items({101: {"title": "Renamed"}}))
    output = run(newer, "--uploads", uploads, "--dry-run", *STORIES)
    assert "(0 new, 5 updated, 0 kept as you edited them)" in output
    assert snapshot(media_root) == before


def test_a_post_longer_than_the_editor_allows_is_imported_with_a_warning(tmp_path, uploads):
    long_text = "<p>" + "A very long diary entry. " * 9_000 + "</p>"
    export = write_blog(tmp_path / "long.xml", blog_items({101: {"content": long_text}}))
    output = run(export, "--uploads", uploads)
    assert len(Article.objects.get(slug="what-is-cervical-dystonia").body) > 200_000
    assert "“What is cervical dystonia?”: Its text is longer than the editor allows" in output
