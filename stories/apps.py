from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self):
        from django.db.models.signals import pre_delete

        from stories.models import Series, leave_series

        pre_delete.connect(leave_series, sender=Series, dispatch_uid="stories-leave-series")
