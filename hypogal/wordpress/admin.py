"""Read-only views of what came from WordPress: the author can check old addresses and where
they lead, and delete one that should no longer redirect; the import itself writes them."""

from django.contrib import admin
from django.utils.html import format_html

from hypogal.wordpress.models import ImportedPost, LegacyRedirect


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _post_link(imported):
    post = imported.post
    if post is None:
        return "—"
    status = "" if post.is_published else " (not public)"
    return format_html('<a href="{}">{}</a>{}', post.get_absolute_url(), post.title, status)


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(ReadOnlyAdmin):
    list_display = ["old_path", "leads_to", "wordpress_id"]
    search_fields = ["old_path", "post__article__title", "post__story__title"]
    list_select_related = ["post__article", "post__story"]
    list_per_page = 100

    @admin.display(description="Now at")
    def leads_to(self, obj):
        return _post_link(obj.post)

    @admin.display(description="WordPress post ID", ordering="post__wp_id")
    def wordpress_id(self, obj):
        return obj.post.wp_id


@admin.register(ImportedPost)
class ImportedPostAdmin(ReadOnlyAdmin):
    list_display = ["wp_id", "now_at", "kind", "wp_author", "wp_link", "imported_at"]
    search_fields = ["wp_link", "article__title", "story__title"]
    list_select_related = ["article", "story"]
    exclude = ["article", "story"]

    def has_delete_permission(self, request, obj=None):
        # Without its row a re-import would create the post a second time.
        return False

    @admin.display(description="Now at")
    def now_at(self, obj):
        return _post_link(obj)

    @admin.display(description="Kind")
    def kind(self, obj):
        return "Story" if obj.story_id else "Article"
