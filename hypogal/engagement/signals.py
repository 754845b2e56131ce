"""Generic relations have no database cascade: a deleted post takes its engagement with it here."""


def forget_post(sender, instance, **kwargs):
    from hypogal.engagement import threads
    from hypogal.engagement.models import (
        Comment,
        Discussion,
        Like,
        LikeTally,
        ThreadPage,
        content_type_of,
    )

    content_type = content_type_of(instance)
    with threads.batched():  # the post is gone: its discussion is removed once, not per comment
        for model in (Comment, Like, LikeTally, Discussion, ThreadPage):
            model.objects.filter(content_type=content_type, object_id=instance.pk).delete()


def comments_changed(sender, instance, created=False, **kwargs):
    """A comment or a post's discussion settings changed: render its discussion again."""
    from hypogal.engagement import threads
    from hypogal.engagement.models import Comment

    if created and isinstance(instance, Comment) and instance.status != Comment.Status.APPROVED:
        return  # a new comment waiting for moderation shows nowhere yet
    threads.rebuild_for(instance)


def post_created(sender, instance, created, raw=False, **kwargs):
    """A new post starts with its (empty) discussion stored, so its first view only reads."""
    from hypogal.engagement import threads
    from hypogal.engagement.models import content_type_of

    if created and not raw:
        threads.rebuild(content_type_of(instance).pk, instance.pk)
