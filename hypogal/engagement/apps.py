from django.apps import AppConfig, apps


class EngagementConfig(AppConfig):
    name = "hypogal.engagement"
    label = "engagement"
    verbose_name = "Comments and likes"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from hypogal.engagement import signals
        from hypogal.engagement.models import Comment, Discussion
        from hypogal.publishing import Publishable

        for model in (Comment, Discussion):
            uid = f"engagement-threads-{model.__name__}"
            post_save.connect(signals.comments_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(signals.comments_changed, sender=model, dispatch_uid=f"{uid}-del")
        # Per concrete model, not sender=None: a catch-all receiver would turn off Django's
        # fast bulk delete for every model in the project.
        for model in apps.get_models():
            if issubclass(model, Publishable):
                uid = f"engagement-{model._meta.label}"
                post_save.connect(signals.post_created, sender=model, dispatch_uid=f"{uid}-new")
                post_delete.connect(signals.forget_post, sender=model, dispatch_uid=f"{uid}-del")
