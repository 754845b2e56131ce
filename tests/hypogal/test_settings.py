"""Settings come from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "hypogal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = run_check(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_with_secret_key_starts():
    result = run_check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr


def test_local_development_starts_without_a_key():
    assert run_check(DJANGO_DEBUG="1").returncode == 0


def settings_in_a_new_process(code, **env):
    """What ``code`` prints, run with the real settings in a process given only ``env``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HYPOGAL_"))}
    base.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "hypogal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_environment_selects_database_media_and_hosts():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.MEDIA_ROOT, s.ALLOWED_HOSTS, s.DEBUG)"
    )
    printed = settings_in_a_new_process(
        code,
        DJANGO_SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        MEDIA_ROOT="/srv/hypogal-media",
        DJANGO_ALLOWED_HOSTS="hypogal.example",
    )
    engine, name, media, hosts, debug = printed.split()
    assert engine == "django.db.backends.postgresql" and name == "test"
    assert (media, hosts, debug) == ("/srv/hypogal-media", "['hypogal.example']", "False")


def test_the_page_cache_is_on_by_default_only_with_a_shared_cache():
    """With process memory alone, one gunicorn worker would never hear of another's changes."""
    code = "from django.conf import settings as s; print(s.HYPOGAL_PAGE_CACHE)"

    def page_cache(**env):
        return settings_in_a_new_process(code, DJANGO_DEBUG="1", **env)

    assert page_cache() == "False"
    assert page_cache(REDIS_URL="redis://127.0.0.1:6379/0") == "True"
    assert page_cache(HYPOGAL_PAGE_CACHE="1") == "True"  # the operator may still choose


def test_postgresql_uses_prepared_statements_unless_a_pooler_forbids_them():
    code = (
        "from django.conf import settings as s; o = s.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    url = "postgres://hypogal@127.0.0.1:5432/hypogal"
    on = settings_in_a_new_process(code, DJANGO_DEBUG="1", DATABASE_URL=url)
    off = settings_in_a_new_process(
        code, DJANGO_DEBUG="1", DATABASE_URL=url, DJANGO_DB_PREPARED_STATEMENTS="0"
    )
    sqlite = settings_in_a_new_process(code, DJANGO_DEBUG="1", DATABASE_URL="")
    assert (on, off, sqlite) == ("True 5", "None None", "None None")


def variables_read_by_the_settings():
    import re

    sources = [*ROOT.glob("hypogal/settings*.py"), ROOT / "hypogal" / "env.py"]
    pattern = re.compile(r'(?:env_[a-z_]+|os\.environ\.get)\(\s*"([A-Z][A-Z0-9_]+)"')
    return {name for path in sources for name in pattern.findall(path.read_text())}


def test_every_environment_variable_is_documented_and_every_documented_one_is_read():
    import re

    read = variables_read_by_the_settings()
    assert {"DJANGO_SECRET_KEY", "REDIS_URL", "DJANGO_EMAIL_HOST"} <= read  # the scan works
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    assert sorted(name for name in read if f"`{name}`" not in readme) == []
    example = (ROOT / ".env.example").read_text()
    in_example = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    assert sorted(in_example - read) == []
    tabled = set(re.findall(r"`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`", section))
    assert sorted(tabled - read) == []
