"""RSS 2.0 and Atom feeds of everything public, and one per condition."""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Condition
from hypogal.markdown import HEADERLINK
from hypogal.models import SiteSettings
from hypogal.site.content import newest_public

FEED_SIZE = 20
_URL_ATTR = re.compile(r'(\s(?:src|href)=")(/[^/"][^"]*|/)"')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_content(html, base):
    """Feed readers have no page to resolve relative links against: make them absolute."""

    def srcset(match):
        parts = []
        for candidate in match.group(2).split(","):
            url, *descriptor = candidate.strip().split(" ", 1)
            url = base + url if url.startswith("/") and not url.startswith("//") else url
            parts.append(" ".join([url, *descriptor]))
        return f'{match.group(1)}{", ".join(parts)}"'

    # A heading's "#" link only works on the page; in a reader it is a stray mark after each one.
    html = HEADERLINK.sub("", html)
    html = _URL_ATTR.sub(lambda m: f'{m.group(1)}{base}{m.group(2)}"', html)
    return _SRCSET.sub(srcset, html)


class LatestFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.base = request.build_absolute_uri("/").rstrip("/")
        self.site = SiteSettings.current()
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return f"{self.site.site_name}: {obj.name}" if obj else self.site.site_name

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("home")

    def description(self, obj=None):
        if obj:
            return f"New articles and stories about {obj.name}."
        return self.site.tagline

    def feed_url(self, obj=None):
        return None  # the address the feed was fetched from

    def author_name(self):
        return self.site.author_name

    def items(self, obj=None):
        return newest_public(FEED_SIZE, condition=obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return absolute_content(item.body_html, self.base)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return self.site.author_name

    def item_categories(self, item):
        return [condition.name for condition in item.conditions.all()]


class FullContentAtom(Atom1Feed):
    """Atom's place for a whole post is <content>, with the summary in <summary>.

    Django's Atom writes the description as <summary>; readers show that as a teaser.
    """

    def add_item_elements(self, handler, item):
        full, item["description"] = item["description"], item["summary"]
        super().add_item_elements(handler, item)
        item["description"] = full
        handler.addQuickElement("content", full, {"type": "html"})


class LatestAtomFeed(LatestFeed):
    feed_type = FullContentAtom

    def item_extra_kwargs(self, item):
        return {"summary": item.summary}

    def subtitle(self, obj=None):
        return self.description(obj)


class ConditionFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Condition, slug=slug)
