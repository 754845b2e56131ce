"""Admin behaviour every kind of post shares: the markdown editor, publishing actions, filters."""

from django.contrib import admin, messages
from django.db.models.functions import Coalesce
from django.utils import timezone
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from hypogal.publishing import Publishable


@admin.display(description="Visible to readers?", boolean=True)
def is_public(obj):
    return obj.is_published


class PublishableAdmin(admin.ModelAdmin):
    list_display = ["title", "status", is_public, "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish"]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    readonly_fields = ["created_at", "updated_at"]

    @admin.action(description="Publish selected posts (now, or on their scheduled date)")
    def publish(self, request, queryset):
        count = queryset.update(
            status=Publishable.Status.PUBLISHED,
            published_at=Coalesce("published_at", timezone.now()),
            updated_at=timezone.now(),
        )
        self.message_user(request, f"{count} post(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish selected posts (back to draft)")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Publishable.Status.DRAFT, updated_at=timezone.now())
        self.message_user(request, f"{count} post(s) moved back to draft.", messages.SUCCESS)
