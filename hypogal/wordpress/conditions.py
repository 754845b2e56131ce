"""WordPress categories and tags → the site's conditions.

The rule (also in the README): a category or tag *matches* a condition when its slug or name
equals, ignoring case, the condition's slug, name or one of its other names. Missing conditions
are created from *categories* only — on a health blog those are the sections the author chose —
but never from the stories category, "Uncategorized", or any category named with
``--skip-category``; ``--no-new-conditions`` turns creating off. Tags only ever match: they are
free-form and many. Whatever matched nothing is listed in the summary.
"""

import html

from django.utils.text import slugify

from articles.models import Condition

DEFAULT_CATEGORY = "uncategorized"


def _keys(*values):
    return {v.strip().lower() for v in values if v and v.strip()}


class Conditions:
    def __init__(self, export, *, stories_categories, skip_categories, create, report):
        self.report = report
        self.create = create
        self.stories = _keys(*stories_categories)
        self.skipped = _keys(DEFAULT_CATEGORY, *skip_categories)
        self.descriptions = {c.slug: c.description for c in export.categories}
        self.index = {}
        for condition in Condition.objects.all():
            self.remember(condition)

    def remember(self, condition):
        for key in _keys(condition.slug, condition.name, *condition.other_names_list):
            self.index.setdefault(key, condition)

    def is_story(self, item):
        return any(
            term.domain == "category" and _keys(term.slug, html.unescape(term.name)) & self.stories
            for term in item.terms
        )

    def for_item(self, item):
        found = []
        for term in item.terms:
            if term.domain not in ("category", "post_tag"):
                continue
            name = html.unescape(term.name)
            keys = _keys(term.slug, name, slugify(name))
            if keys & self.stories:
                continue
            condition = next((self.index[k] for k in keys if k in self.index), None)
            if condition is None and term.domain == "category" and self.create:
                if not keys & self.skipped:
                    condition = self.new(term, name)
            if condition is None:
                self.report.unmatched_terms.add(name)
            elif condition not in found:
                found.append(condition)
                self.report.add("condition_links")
        return found

    def new(self, term, name):
        base = (slugify(term.slug) or slugify(name) or "condition")[:110]
        slug, n = base, 1
        while Condition.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        description = " ".join(html.unescape(self.descriptions.get(term.slug, "")).split())
        if not description:
            description = f"Posts about {name}."
            self.report.warn(f"New condition “{name}”: write a plain-language description "
                             "for its page in the admin.")
        condition = Condition.objects.create(name=name[:120], slug=slug, description=description)
        self.report.new_conditions.append(condition.name)
        self.remember(condition)
        return condition
