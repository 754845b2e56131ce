from django.contrib import admin, messages
from django.utils.html import format_html

from hypogal.admin import PublishableAdmin
from stories.models import Photo, Series, Story


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 1
    fields = [("image", "thumbnail"), "alt_text", "caption", ("taken_on", "stage", "position")]
    readonly_fields = ["thumbnail"]

    @admin.display(description="Preview")
    def thumbnail(self, photo):
        if not photo.pk or not photo.image:
            return "—"
        pic = photo.picture
        note = " Location data was found and removed." if photo.location_removed else ""
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}"><br>{}',
            pic.thumb_src,
            pic.thumb_width,
            pic.thumb_height,
            photo.alt_text,
            note,
        )


@admin.register(Story)
class StoryAdmin(PublishableAdmin):
    list_display = [*PublishableAdmin.list_display, "series", "series_part"]
    list_select_related = ["series"]  # nullable: Django's own select_related skips it
    list_filter = [*PublishableAdmin.list_filter, "conditions", "series"]
    filter_horizontal = ["conditions", "related_articles"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "conditions"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("Series and related reading", {"fields": ["series", "series_part", "related_articles"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Photo:
            located = [photo for photo in formset.new_objects if photo.location_removed]
            located += [
                photo
                for photo, fields in formset.changed_objects
                if "image" in fields and photo.location_removed
            ]
            if located:
                names = ", ".join(str(photo) for photo in located)
                self.message_user(
                    request,
                    f"Location (GPS) data was found in {len(located)} photo(s) and removed "
                    f"before saving: {names}.",
                    messages.WARNING,
                )


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]
