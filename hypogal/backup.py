"""Consistent snapshots: the database (online, while the site runs) plus every media file, with a
manifest of SHA-256 checksums that ``restore`` verifies before it touches anything.

SQLite: the online backup API copies a consistent snapshot even while others write.
PostgreSQL: ``pg_dump -Fc`` (one transaction, so consistent); ``pg_restore --clean``.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
DB_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


class BackupError(Exception):
    pass


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env_and_args():
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _program(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def backup(target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty: choose a new folder for each backup.")
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    database = target / DB_FILES[vendor]
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(database) as destination:
            connection.connection.backup(destination)
        destination.close()
    else:
        env, args = _pg_env_and_args()
        subprocess.run(  # noqa: S603 - a fixed program, arguments from settings
            [_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(database), *args],
            check=True,
            env=env,
            capture_output=True,
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_target = target / "media"
    files = {}
    if media_root.is_dir():
        for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
            relative = path.relative_to(media_root)
            (media_target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, media_target / relative)
            files[f"media/{relative.as_posix()}"] = _sha256(media_target / relative)
    files[database.name] = _sha256(database)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "database": database.name,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def verify(source):
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable {MANIFEST} in {source}.") from error
    for name, checksum in manifest["files"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != checksum:
            raise BackupError(f"{name} is missing or damaged: the backup cannot be trusted.")
    return manifest


def restore(source):
    """Bring this instance back to the snapshot: database replaced, media replaced."""
    source = Path(source)
    manifest = verify(source)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['vendor']} database; this site uses "
            f"{connection.vendor}. Restore it on a site with the same kind of database."
        )
    database = source / manifest["database"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(database) as snapshot:
            snapshot.backup(connection.connection)
        snapshot.close()
    else:
        connection.close()  # pg_restore drops and recreates tables; hold no locks on them
        env, args = _pg_env_and_args()
        subprocess.run(  # noqa: S603 - a fixed program, arguments from settings
            [
                _program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(database),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    if (source / "media").is_dir():
        shutil.copytree(source / "media", media_root, dirs_exist_ok=True)
    from hypogal.pagecache import content_changed

    content_changed()
    return manifest
