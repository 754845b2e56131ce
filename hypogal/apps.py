from django.apps import AppConfig, apps

# Everything in these apps can show on a public page.
CONTENT_APPS = {"articles", "stories", "engagement", "hypogal", "wordpress"}


class HypogalConfig(AppConfig):
    name = "hypogal"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from hypogal import editor
        from hypogal.pagecache import content_changed
        from hypogal.publishing import Publishable
        from hypogal.site import search

        search.connect_signals()
        for model in apps.get_models():
            if issubclass(model, Publishable):
                uid = f"uploads-{model._meta.label}"
                pre_save.connect(editor.remember_uploads, sender=model, dispatch_uid=f"{uid}-pre")
                post_save.connect(
                    editor.forget_dropped_uploads, sender=model, dispatch_uid=f"{uid}-save"
                )
                post_delete.connect(editor.forget_uploads, sender=model, dispatch_uid=f"{uid}-del")

        def changed(**kwargs):
            content_changed()

        # Per model, not sender=None: a catch-all post_delete receiver would turn off Django's
        # fast bulk delete for every model in the project.
        for model in apps.get_models():
            if model._meta.app_label in CONTENT_APPS:
                uid = f"pagecache-{model._meta.label}"
                post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
                post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-del")
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        changed, sender=field.remote_field.through, weak=False,
                        dispatch_uid=f"{uid}-{field.name}",
                    )
