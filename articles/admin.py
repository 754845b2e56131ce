from django.contrib import admin, messages
from django.db import models

from articles.models import Article, Condition, Source
from hypogal.admin import PublishableAdmin


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    # A web address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["title", "publisher", "url", "position"]


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = [*PublishableAdmin.list_display, "condition_names"]
    list_filter = [*PublishableAdmin.list_filter, "conditions"]
    filter_horizontal = ["conditions"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "conditions"]}),
        ("Publishing", {"fields": ["status", "published_at", "reviewed_at"]}),
        ("Featured image", {"fields": ["featured_image", "featured_image_alt"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("conditions")

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("featured_image")
        super().save_model(request, obj, form, change)
        if getattr(upload, "location_removed", False):  # a new upload that carried GPS data
            self.message_user(
                request,
                "Location (GPS) data was found in the featured image and removed before saving.",
                messages.WARNING,
            )

    @admin.display(description="Conditions")
    def condition_names(self, obj):
        return ", ".join(condition.name for condition in obj.conditions.all())


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "other_names"]
    search_fields = ["name", "other_names", "description"]
    prepopulated_fields = {"slug": ["name"]}
