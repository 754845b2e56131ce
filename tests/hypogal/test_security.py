"""Production settings, security headers, the CSP, the admin lockout, the health check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests import factories, images

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3y-" + "Zx9!qW2#rT5$yU8%" * 4,
    "DJANGO_ALLOWED_HOSTS": "hypogal.example",
    "DJANGO_SETTINGS_MODULE": "hypogal.settings",
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HYPOGAL_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_in_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_admin_url_moves_with_the_environment():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage("shell", "--no-imports", "-c", code, DJANGO_ADMIN_URL="desk-7f3a")
    assert result.stdout.strip() == "/desk-7f3a/", result.stderr


def test_public_pages_carry_the_security_headers_and_a_strict_csp(client):
    post = factories.article()
    response = client.get(post.get_absolute_url())
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_page_has_no_inline_script(client):
    import re

    html = client.get(reverse("home")).text
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    assert " onclick=" not in html and " onload=" not in html


def test_media_files_are_served_with_nosniff(client, media_root):
    # A file named as an image whose bytes are a page: the browser must not sniff it as one.
    (media_root / "note.jpg").write_text("<script>alert(1)</script>")
    response = client.get("/media/note.jpg")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_keeps_working_without_the_public_csp(staff_client):
    response = staff_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_https_redirect_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_admin_login_locks_out_after_repeated_failures(client, caplog):
    user = factories.staff_user(username="author")
    login = reverse("admin:login")
    for _ in range(4):
        response = client.post(login, {"username": "author", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    assert client.post(login, {"username": "author", "password": "wrong"}).status_code == 429
    locked = client.post(login, {"username": "author", "password": "a-long-test-password"})
    assert locked.status_code == 429
    assert "Too many login attempts" in locked.text
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    assert user.username == "author"


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok\n"


def test_healthz_answers_503_without_details_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def down(*args, **kwargs):
        raise OperationalError("could not connect to server: secret-host:5432")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", down)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "secret-host" not in response.text and response.text == "unavailable\n"


def test_healthz_answers_503_when_redis_is_configured_but_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    from django.core.cache import caches

    caches._settings = None  # the new CACHES
    try:
        assert client.get("/healthz").status_code == 503
    finally:
        caches._settings = None


@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/robots.txt"])
def test_a_host_that_is_not_ours_gets_a_readable_400(path, settings):
    settings.ALLOWED_HOSTS = ["hypogal.example"]
    client = Client(raise_request_exception=False)
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.text
    assert "<html" in response.text  # the site's own 400 page, not a server error
    # A page of ours all the same: no other site may frame it.
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_healthz_answers_a_probe_by_address_over_plain_http(settings):
    settings.ALLOWED_HOSTS = ["hypogal.example"]
    settings.SECURE_SSL_REDIRECT = True
    client = Client(raise_request_exception=False)
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200 and response.text == "ok\n"
    assert "no-store" in response["Cache-Control"]
    # Everything else still goes through the host check and the HTTPS redirect.
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400
    assert client.get("/", HTTP_HOST="hypogal.example").status_code == 301


def test_failures_from_elsewhere_never_lock_the_author_out(db):
    factories.staff_user(username="author")
    login = reverse("admin:login")
    for n in range(12):  # someone fails as her from twelve addresses
        attacker = Client(REMOTE_ADDR=f"198.51.100.{n}")
        attacker.post(login, {"username": "author", "password": "wrong"})
    her = Client(REMOTE_ADDR="203.0.113.9")
    response = her.post(login, {"username": "author", "password": "a-long-test-password"})
    assert response.status_code == 302  # in


def test_one_address_guessing_many_usernames_is_locked_out(db):
    factories.staff_user(username="author")
    login = reverse("admin:login")
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [
        guesser.post(login, {"username": f"name{n}", "password": "wrong"}).status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429
    assert guesser.post(
        login, {"username": "author", "password": "a-long-test-password"}
    ).status_code == 429


def test_production_sends_mail_and_never_prints_it():
    from tests.hypogal.test_settings import settings_in_a_new_process

    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND)"
    production = settings_in_a_new_process(code, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 60)
    assert production == "django.core.mail.backends.smtp.EmailBackend"
    assert settings_in_a_new_process(code, DJANGO_DEBUG="1").endswith("console.EmailBackend")


def test_the_sites_own_media_route_serves_images_only(rf, media_root):
    from django.http import Http404

    from hypogal.site.views import media

    (media_root / "photo.jpg").write_bytes(images.jpeg_bytes())
    (media_root / "page.html").write_text("<script>alert(1)</script>")
    (media_root / "drawing.svg").write_text("<svg onload='alert(1)'/>")
    assert media(rf.get("/media/photo.jpg"), "photo.jpg").status_code == 200
    for name in ("page.html", "drawing.svg", "PHOTO.JPG.html"):
        with pytest.raises(Http404):
            media(rf.get(f"/media/{name}"), name)


def test_a_form_sent_without_its_cookie_is_explained_with_the_way_back():
    post = factories.article()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("engagement:like", args=["articles", "article", post.pk]),
        {"action": "like"},
        HTTP_REFERER="http://testserver" + post.get_absolute_url(),
    )
    assert response.status_code == 403
    assert "Sorry, that was not sent" in response.text and "CSRF" not in response.text
    assert f'href="http://testserver{post.get_absolute_url()}"' in response.text
    assert "no-store" in response["Cache-Control"]
    # A page elsewhere is not offered as the way back.
    elsewhere = strict.post(
        reverse("engagement:like", args=["articles", "article", post.pk]),
        {"action": "like"},
        HTTP_REFERER="https://evil.example/",
    )
    assert "evil.example" not in elsewhere.text
