from datetime import timedelta

from django.db import migrations

# The import saves a post once more after it records the import (its images placed), within
# the same run: a post saved no later than this after its import was not edited by the author.
SAME_RUN = timedelta(minutes=5)


def record(apps, schema_editor):
    """Posts imported before the time was recorded: was each edited on the site since?

    Unknown, they would be overwritten by the next import; this tells the import's own saves
    from the author's, so an edit she made is kept."""
    ImportedPost = apps.get_model("wordpress", "ImportedPost")
    rows = ImportedPost.objects.filter(post_updated_at=None).values_list(
        "pk", "imported_at", "article__updated_at", "story__updated_at"
    )
    for pk, imported_at, article_updated, story_updated in rows:
        updated = article_updated or story_updated
        if updated is None:
            continue
        edited_since = updated > imported_at + SAME_RUN
        # Edited: record the import's time, so the later edit shows as hers.
        ImportedPost.objects.filter(pk=pk).update(
            post_updated_at=imported_at if edited_since else updated
        )


class Migration(migrations.Migration):
    dependencies = [
        ("wordpress", "0003_comment_id_per_post"),
    ]

    operations = [
        migrations.RunPython(record, migrations.RunPython.noop),
    ]
