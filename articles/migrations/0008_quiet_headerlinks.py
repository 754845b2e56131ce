from django.db import migrations

from hypogal.markdown import quieten_stored_bodies


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_search_other_names")]
    operations = [
        migrations.RunPython(quieten_stored_bodies("articles", "Article"), migrations.RunPython.noop)
    ]
