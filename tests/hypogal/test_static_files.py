"""Production static files: hashed names, compressed copies, cached "forever" (whitenoise)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in a production-settings process: collectstatic, then ask the site itself.
PROBE = """
import json
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", "--noinput", verbosity=0)
url = static("css/site.css")
client = Client(HTTP_HOST="hypogal.example")
plain = client.get(url)
gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
home = client.get("/")
print(json.dumps({
    "url": url,
    "status": plain.status_code,
    "cache": plain.get("Cache-Control", ""),
    "encoding": gzipped.get("Content-Encoding", ""),
    "linked": url in home.content.decode(),
}))
"""


def test_stylesheet_is_hashed_compressed_and_cached_for_a_year(tmp_path):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HYPOGAL_"))}
    base.pop("REDIS_URL", None)
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "hypogal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "hypogal.example",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PROBE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    name = found["url"].rsplit("/", 1)[1]
    assert name.startswith("site.") and name != "site.css" and name.endswith(".css")  # hashed
    assert found["status"] == 200 and found["linked"]
    assert "max-age=315360000" in found["cache"] and "immutable" in found["cache"]
    assert found["encoding"] in ("gzip", "br")
