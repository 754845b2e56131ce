from django.db import migrations

from hypogal.site.search import rebuild_documents


class Migration(migrations.Migration):
    # Search documents now hold the conditions' other names ("spasmodic torticollis").
    dependencies = [
        ("stories", "0005_body_length_limit"),
        ("articles", "0006_body_length_limit"),
    ]

    operations = [
        rebuild_documents("stories", "story"),
    ]
