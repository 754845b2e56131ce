from django.apps import AppConfig


class WordPressConfig(AppConfig):
    name = "hypogal.wordpress"
    label = "wordpress"
    verbose_name = "Moved from WordPress"
