from django.core.management.base import BaseCommand, CommandError

from hypogal import backup


class Command(BaseCommand):
    help = "Replace this site's database and media files with the backup in DIR (verified first)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A folder written by `manage.py backup`.")

    def handle(self, directory, **options):
        try:
            manifest = backup.restore(directory)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # e.g. pg_restore failing
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']} from {directory}.")
        )
