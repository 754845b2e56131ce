"""What an import did (or, in a dry run, would do): counted as it goes, printed at the end."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    new_conditions: list = field(default_factory=list)
    unmatched_terms: set = field(default_factory=set)
    skipped_items: Counter = field(default_factory=Counter)  # post type -> how many
    authors: set = field(default_factory=set)

    def add(self, key, n=1):
        self.counts[key] += n

    def warn(self, message, post=None):
        text = f"“{post}”: {message}" if post else message
        if text not in self.warnings:
            self.warnings.append(text)

    def lines(self, *, source, dry_run):
        c = self.counts
        posts = c["articles"] + c["stories"]
        skipped = ", ".join(f"{kind}: {n}" for kind, n in sorted(self.skipped_items.items()))
        out = [
            ("Dry run: nothing was saved. This is what the import would do."
             if dry_run else "Import finished."),
            f"From: {source}",
            f"Posts: {posts} → {c['articles']} articles, {c['stories']} stories "
            f"({c['posts_created']} new, {c['posts_updated']} updated, {c['posts_kept']} kept as "
            "you edited them); "
            f"{c['drafts']} drafts, {c['scheduled']} scheduled.",
            f"Comments: {c['comments']} ({c['comments_approved']} approved, "
            f"{c['comments_pending']} pending; {c['comments_created']} new); not imported: "
            f"{c['comments_spam']} spam, {c['comments_trash']} trash, "
            f"{c['comments_pings']} pingbacks/trackbacks, {c['comments_deleted']} deleted here.",
            f"Images: {c['images_stored']} stored through the image pipeline "
            f"({c['images_location']} had a location, removed), {c['images_reused']} already "
            f"imported, {c['images_failed']} missing or refused.",
            f"Conditions: {c['condition_links']} links from posts; new: "
            f"{', '.join(self.new_conditions) or 'none'}.",
            f"Redirects: {c['redirects']} old addresses answer 301.",
            f"Authors: {', '.join(sorted(self.authors)) or 'none'}.",
        ]
        if self.unmatched_terms:
            out.append("Categories and tags that are not conditions: "
                       + ", ".join(sorted(self.unmatched_terms)) + ".")
        if skipped:
            out.append(f"Not imported: {skipped}.")
        out.append(f"Warnings: {len(self.warnings)}")
        out.extend(f"  - {warning}" for warning in self.warnings)
        return out
