from django.db import migrations

from hypogal.markdown import quiet_headerlinks


def quieten(apps, schema_editor):
    """Bodies rendered before the heading links were hidden from screen readers and keyboards."""
    model = apps.get_model("stories", "Story")
    for post in model.objects.filter(body_html__contains='class="headerlink"').only("body_html"):
        model.objects.filter(pk=post.pk).update(body_html=quiet_headerlinks(post.body_html))


class Migration(migrations.Migration):
    dependencies = [("stories", "0006_search_other_names")]
    operations = [migrations.RunPython(quieten, migrations.RunPython.noop)]
