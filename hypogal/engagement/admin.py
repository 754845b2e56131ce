"""Moderation: pending comments first, bulk decisions, and replying as the author."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from hypogal.engagement import comments, threads
from hypogal.engagement.models import BODY_MAX, Comment, Discussion


class ReplyForm(forms.Form):
    body = forms.CharField(max_length=BODY_MAX)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt", "name", "email", "on_post", "status", "held_for", "by_author", "created_at"
    ]
    list_filter = ["status", "by_author", "content_type"]
    search_fields = ["name", "email", "body"]
    list_per_page = 50
    actions = ["approve", "reject", "mark_spam"]
    fields = [
        "name", "email", "body", "status", "notify_replies", "on_post", "parent", "held_for",
        "created_at",
    ]
    readonly_fields = ["on_post", "parent", "held_for", "created_at"]
    change_form_template = "admin/engagement/comment/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type").prefetch_related("post")

    def get_ordering(self, request):
        # Pending first: the queue the author came for.
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-pk"]

    def has_add_permission(self, request):
        # Comments belong to a post and come from its page; the author replies from a comment.
        return False

    @admin.display(description="Comment")
    def excerpt(self, obj):
        return Truncator(obj.body).chars(80)

    @admin.display(description="Post")
    def on_post(self, obj):
        return str(obj.post) if obj.post is not None else "(deleted post)"

    def delete_queryset(self, request, queryset):
        # One render per post, not one per deleted comment.
        with transaction.atomic(), threads.batched():
            super().delete_queryset(request, queryset)

    def _set_status(self, request, queryset, status, verb):
        count = queryset.update(status=status)
        self.message_user(request, f"{count} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True))
        replies = list(queryset.filter(parent__isnull=False).values_list("pk", flat=True))
        self._set_status(request, queryset, Comment.Status.APPROVED, "approved")
        comments.notify_now_visible(
            request, Comment.objects.filter(pk__in=chosen).select_related("parent")
        )
        hidden = Comment.objects.filter(pk__in=replies).exclude(
            parent__status=Comment.Status.APPROVED
        )
        if hidden.exists():
            # A reply shows under its comment: until that is approved too, readers see neither.
            self.message_user(
                request,
                f"{hidden.count()} approved repl(ies) answer a comment that is not approved, "
                "so readers do not see them yet. Approve that comment too to show them.",
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data and obj.status == Comment.Status.APPROVED:
            comments.notify_now_visible(request, [obj])  # approved here, one at a time

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.SPAM, "marked as spam")

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        return [
            path("<int:pk>/reply/", reply, name="engagement_comment_reply"),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        return require_POST(_reply)(request, self, pk)


def _reply(request, model_admin, pk):
    """The author answers from the admin: published at once, and the comment she answers too.

    Replying to a comment is approving it; a reply under a hidden comment would be invisible.
    """
    if not (model_admin.has_change_permission(request) and request.user.is_staff):
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("parent"), pk=pk)
    parent = comment.parent or comment
    form = ReplyForm(request.POST)
    if not form.is_valid():
        model_admin.message_user(
            request, "Write a reply (plain text, up to 5,000 characters).", messages.ERROR
        )
        return redirect(reverse("admin:engagement_comment_change", args=[comment.pk]))
    user = request.user
    reply = Comment.objects.create(
        content_type_id=parent.content_type_id,
        object_id=parent.object_id,
        parent=parent,
        name=(user.get_full_name() or user.get_username())[:80],
        email=user.email,
        body=form.cleaned_data["body"],
        status=Comment.Status.APPROVED,
        by_author=True,
        user=user,
    )
    if parent.status != Comment.Status.APPROVED:
        Comment.objects.filter(pk=parent.pk).update(status=Comment.Status.APPROVED)
        parent.status = Comment.Status.APPROVED
    # The reply, and any reader's reply that waited for the comment to be approved.
    comments.notify_now_visible(request, [parent, reply])
    model_admin.message_user(request, "Your reply is published.", messages.SUCCESS)
    return redirect(reverse("admin:engagement_comment_change", args=[reply.pk]))


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "comments_open"]
    list_select_related = ["content_type"]
    list_filter = ["comments_open"]
    fields = ["comments_open"]

    def has_add_permission(self, request):
        # Rows come from the posts' own "close comments" action, which knows the post.
        return False
