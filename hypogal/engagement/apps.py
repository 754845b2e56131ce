from django.apps import AppConfig, apps


class EngagementConfig(AppConfig):
    name = "hypogal.engagement"
    label = "engagement"
    verbose_name = "Comments and likes"

    def ready(self):
        from django.db.models.signals import post_delete

        from hypogal.engagement.signals import forget_post
        from hypogal.publishing import Publishable

        # Per concrete model, not sender=None: a catch-all receiver would turn off Django's
        # fast bulk delete for every model in the project.
        for model in apps.get_models():
            if issubclass(model, Publishable):
                post_delete.connect(
                    forget_post, sender=model, dispatch_uid=f"engagement-forget-{model._meta.label}"
                )
