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
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
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


def _run(name, *args, env):
    """Run a PostgreSQL client tool; its own message, not only its exit status, on failure."""
    result = subprocess.run(  # noqa: S603 - a fixed program, arguments from settings
        [_program(name), *args], env=env, capture_output=True, text=True
    )
    if result.returncode:
        message = result.stderr.strip() or f"exit status {result.returncode}"
        raise BackupError(f"{name} failed: {message}")


def _program(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def backup(target):
    target = Path(target)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if target.resolve().is_relative_to(media_root):
        # The proxy serves media to anyone: a backup there would publish the whole database.
        raise BackupError(f"{target} is inside the media folder, which is public: choose another.")
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty: choose a new folder for each backup.")
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    try:
        return _write(target, vendor, media_root)
    except BaseException:
        _empty(target)  # a half-written backup is no backup; leave the folder ready for a retry
        raise


def _write(target, vendor, media_root):
    database = target / DB_FILES[vendor]
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(database) as destination:
            connection.connection.backup(destination)
        destination.close()
    else:
        env, args = _pg_env_and_args()
        _run("pg_dump", "--format=custom", "--no-owner", "--file", str(database), *args, env=env)
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


def _listed_file(source, name):
    """The file a manifest entry names, refused unless it is a plain file inside the backup.

    A manifest is read from disk, so it is input: a name with ``..``, an absolute path or a
    symlink could otherwise make ``restore`` read (and publish, under media) any file on the
    server.
    """
    parts = PurePosixPath(name).parts if isinstance(name, str) else ()
    plain = bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts
    if not plain or not (name in DB_FILES.values() or (parts[0] == "media" and len(parts) > 1)):
        raise BackupError(f"The manifest names {name!r}, which a backup never holds.")
    path = source / name
    for step in [source / Path(*parts[: i + 1]) for i in range(len(parts))]:
        if step.is_symlink():
            raise BackupError(f"{name} is a link, not a file: the backup cannot be trusted.")
    return path


def verify(source):
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable {MANIFEST} in {source}.") from error
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or manifest.get("vendor") not in DB_FILES:
        raise BackupError(f"{MANIFEST} in {source} is not a HypoGal backup's manifest.")
    database = manifest.get("database")
    if database != DB_FILES[manifest["vendor"]] or database not in files:
        raise BackupError(f"{MANIFEST} lists no database: the backup cannot be trusted.")
    for name, checksum in files.items():
        path = _listed_file(source, name)
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
    # Checked before the database is replaced, so a folder we cannot write stops us while
    # nothing has changed, not halfway with new rows pointing at old (or no) photos.
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    if not os.access(media_root, os.W_OK | os.X_OK):
        raise BackupError(f"The media folder {media_root} is not writable: nothing was changed.")
    database = source / manifest["database"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(database) as snapshot:
            snapshot.backup(connection.connection)
        snapshot.close()
    else:
        connection.close()  # pg_restore drops and recreates tables; hold no locks on them
        env, args = _pg_env_and_args()
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(database),
            env=env,
        )
    _empty(media_root)
    # Only what the manifest lists and verify() checked: anything else in the folder is not ours.
    for name in manifest["files"]:
        if name.startswith("media/"):
            destination = media_root / name.removeprefix("media/")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, destination, follow_symlinks=False)
    from hypogal.models import CACHE_KEY
    from hypogal.pagecache import content_changed

    cache.delete(CACHE_KEY)  # the site settings, kept for an hour otherwise
    content_changed()
    return manifest


def _empty(folder):
    """Remove what is inside, not the folder: it may be a mount point or a link to one."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
