from django.core.management.base import BaseCommand, CommandError

from hypogal import backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database and media files, with checksums, to DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new, empty folder for this backup.")

    def handle(self, directory, **options):
        try:
            manifest = backup.backup(directory)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # e.g. pg_dump failing
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup of the {manifest['vendor']} database and "
                f"{len(manifest['files']) - 1} media files written to {directory}."
            )
        )
