from django.db import migrations
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat


def mend_rows(apps, schema_editor):
    """Rows the new constraints would refuse, made valid first (only older data has them).

    Values, not instances: an instance reads its image file to learn its size.
    """
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(title="").update(title=Concat(Value("Untitled post "), Cast("pk", CharField())))
    for pk in Article.objects.filter(slug="").values_list("pk", flat=True):
        slug, n = f"post-{pk}", 1
        while Article.objects.filter(slug=slug).exists():  # a WordPress import may have it
            n += 1
            slug = f"post-{pk}-{n}"
        Article.objects.filter(pk=pk).update(slug=slug)
    unnamed = Article.objects.exclude(featured_image="").filter(featured_image_alt="")
    for pk, title in unnamed.values_list("pk", "title"):
        # The same stand-in the WordPress import uses, for the author to replace.
        Article.objects.filter(pk=pk).update(featured_image_alt=f"Photo from “{title}”"[:250])


class Migration(migrations.Migration):
    # Its own migration (its own transaction): PostgreSQL will not alter a table whose rows
    # the same transaction has just changed.
    dependencies = [
        ("articles", "0003_search_document"),
    ]

    operations = [
        migrations.RunPython(mend_rows, migrations.RunPython.noop),
    ]
