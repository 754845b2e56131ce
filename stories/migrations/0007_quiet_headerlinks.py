from django.db import migrations

from hypogal.markdown import quieten_stored_bodies


class Migration(migrations.Migration):
    dependencies = [("stories", "0006_search_other_names")]
    operations = [
        migrations.RunPython(quieten_stored_bodies("stories", "Story"), migrations.RunPython.noop)
    ]
