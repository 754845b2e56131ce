"""Admin behaviour every kind of post shares: the markdown editor, publishing actions, filters."""

from django import forms as django_forms
from django.contrib import admin, messages
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from hypogal.engagement import posts as engagement_posts
from hypogal.models import SiteSettings
from hypogal.publishing import Publishable


@admin.display(description="Visible to readers?", boolean=True)
def is_public(obj):
    return obj.is_published


@admin.display(description="Status", ordering="status")
def state(obj):
    """Draft, Published, or Scheduled: "Published" alone hides that readers cannot see it yet."""
    if obj.is_scheduled:
        when = formats.date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
        return f"Scheduled for {when}"
    return obj.get_status_display()


class StateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("public", "Published (public)")]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Publishable.Status.PUBLISHED)
        return {
            "draft": lambda: queryset.filter(status=Publishable.Status.DRAFT),
            "scheduled": lambda: published.filter(published_at__gt=now),
            "public": lambda: published.filter(published_at__lte=now),
        }.get(self.value(), lambda: queryset)()


def _ask_for_files_again(forms, files):
    """A page sent back with an error keeps every text but no file (browsers cannot refill a
    file input): each file that was fine says so, or it would vanish without a word."""
    for form in forms:
        for name, field in form.fields.items():
            if isinstance(field, django_forms.FileField) and form.add_prefix(name) in files:
                if name not in form.errors:
                    form.add_error(name, "This file was fine, but files are not kept when the "
                                         "page comes back with an error: choose it again.")


class PublishableAdmin(admin.ModelAdmin):
    list_display = ["title", state, is_public, "published_at", "updated_at"]
    list_filter = [StateFilter]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish", "close_comments", "open_comments"]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    readonly_fields = ["created_at", "updated_at"]

    class Media:
        js = ["js/admin-editor.js"]  # a refused upload explained, the text left as it was

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST":
            inlines = context["inline_admin_formsets"]
            forms = [context["adminform"].form, *(f for inline in inlines for f in inline.formset)]
            _ask_for_files_again(forms, request.FILES)
        return super().render_change_form(request, context, *args, **kwargs)

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

    # Actions, not a form inline: the setting lives in engagement's own table (Publishable stays
    # the same for every app) and an inline would add a formset to every post's edit form.
    @admin.action(description="Close comments on selected posts")
    def close_comments(self, request, queryset):
        engagement_posts.set_comments_open(queryset, False)
        self.message_user(request, "Comments closed on the selected post(s).", messages.SUCCESS)

    @admin.action(description="Open comments on selected posts")
    def open_comments(self, request, queryset):
        engagement_posts.set_comments_open(queryset, True)
        self.message_user(request, "Comments opened on the selected post(s).", messages.SUCCESS)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "tagline", "publisher_logo"]}),
        ("You", {"fields": ["author_name", "author_bio"]}),
        ("Social profiles", {"fields": ["facebook_url", "other_profiles"]}),
        ("Disclaimer", {"fields": ["disclaimer"]}),
        ("Privacy page", {"fields": ["privacy_contact"]}),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # There is only one row: go straight to it.
        from django.shortcuts import redirect

        settings, _ = SiteSettings.objects.get_or_create(pk=1)
        return redirect("admin:hypogal_sitesettings_change", settings.pk)
