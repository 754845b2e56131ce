"""python manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run] …

Reads a WordPress export (Tools → Export → All content) and brings its posts, images, comments
and old addresses into the site. One transaction: it all lands, or (error, --dry-run) none of it
does. Safe to run again: what it imported before is updated, never duplicated.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hypogal.wordpress import parser
from hypogal.wordpress.importer import Importer


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, images, comments and old addresses."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress's Tools → Export.")
        parser.add_argument(
            "--uploads", metavar="DIR",
            help="A local copy of the blog's wp-content/uploads folder: where images are read "
            "from (nothing is downloaded).",
        )
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Do everything, report it, then undo it: nothing is saved.",
        )
        parser.add_argument(
            "--stories-category", action="append", default=[], metavar="NAME",
            help="Posts in this category (name or slug) become stories; the rest articles. "
            "Repeat for several.",
        )
        parser.add_argument(
            "--skip-category", action="append", default=[], metavar="NAME",
            help="A category that is not a condition: never create a condition from it.",
        )
        parser.add_argument(
            "--no-new-conditions", action="store_true",
            help="Only link posts to conditions that already exist; create none.",
        )
        parser.add_argument(
            "--overwrite-edited", action="store_true",
            help="Also update posts you changed on this site since they were imported "
            "(normally they are kept as you left them).",
        )

    def handle(self, *args, **options):
        uploads = options["uploads"]
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"--uploads {uploads}: no such folder.")
        try:
            export = parser.parse(options["export"])
        except parser.WXRError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        importer = Importer(
            export,
            uploads=uploads,
            stories_categories=options["stories_category"],
            skip_categories=options["skip_category"],
            create_conditions=not options["no_new_conditions"],
            overwrite_edited=options["overwrite_edited"],
        )
        try:
            with transaction.atomic():
                report = importer.run()
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except Exception as error:
            importer.forget_files()
            raise CommandError(
                f"The import stopped and nothing was saved: {type(error).__name__}: {error}"
            ) from error
        if options["dry_run"]:
            importer.forget_files()
        source = f"“{export.title}” ({export.base_blog_url or 'unknown address'}), WXR " \
                 f"{export.version}"
        for line in report.lines(source=source, dry_run=options["dry_run"]):
            self.stdout.write(line)
