from django.db import migrations
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat


def mend_rows(apps, schema_editor):
    """Rows the new constraints would refuse, made valid first (only older data has them)."""
    Story = apps.get_model("stories", "Story")
    Story.objects.filter(title="").update(title=Concat(Value("Untitled post "), Cast("pk", CharField())))
    for pk in Story.objects.filter(slug="").values_list("pk", flat=True):
        slug, n = f"post-{pk}", 1
        while Story.objects.filter(slug=slug).exists():  # a WordPress import may have it
            n += 1
            slug = f"post-{pk}-{n}"
        Story.objects.filter(pk=pk).update(slug=slug)
    # A part number without a series means nothing: dropped.
    Story.objects.filter(series__isnull=True).exclude(series_part=None).update(series_part=None)
    # Part 0 of a series becomes its next free part, keeping the story in the series.
    zeros = Story.objects.filter(series__isnull=False, series_part=0)
    for pk, series in zeros.values_list("pk", "series"):
        last = Story.objects.filter(series=series).aggregate(Max("series_part"))["series_part__max"]
        Story.objects.filter(pk=pk).update(series_part=(last or 0) + 1)


class Migration(migrations.Migration):
    # Its own migration (its own transaction): PostgreSQL will not alter a table whose rows
    # the same transaction has just changed.
    dependencies = [
        ("stories", "0002_search_document"),
    ]

    operations = [
        migrations.RunPython(mend_rows, migrations.RunPython.noop),
    ]
