"""Generic relations have no database cascade: a deleted post takes its engagement with it here."""


def forget_post(sender, instance, **kwargs):
    from hypogal.engagement.models import (
        Comment,
        Discussion,
        Like,
        LikeTally,
        content_type_of,
    )

    content_type = content_type_of(instance)
    for model in (Comment, Like, LikeTally, Discussion):
        model.objects.filter(content_type=content_type, object_id=instance.pk).delete()
