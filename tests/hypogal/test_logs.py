"""Logs: one JSON line per request on stdout, with no reader's address and no secret in it."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.debug import get_exception_reporter_filter

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "hypogal.request"]


@pytest.mark.django_db
def test_each_request_is_one_json_line_without_the_readers_address(client, caplog):
    from hypogal.logs import JsonFormatter

    article = factories.article()
    with caplog.at_level(logging.INFO, logger="hypogal.request"):
        client.get(article.get_absolute_url() + "?utm_source=newsletter", REMOTE_ADDR="203.0.113.7")
    (record,) = request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["method"] == "GET" and line["status"] == 200
    assert line["path"] == article.get_absolute_url()  # no query string
    assert "203.0.113.7" not in json.dumps(line)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "script_name", "logged"),
    [
        ("/engagement/replies/stop/secret-token-123/", "", "/engagement/replies/stop/<token>/"),
        ("/engagement/replies/stop/secret-token-123", "", "/engagement/replies/stop/<token>"),
        (
            "/engagement/replies/stop/secret-token-123/",
            "/blog",
            "/blog/engagement/replies/stop/<token>/",
        ),
    ],
)
def test_a_stop_replies_link_is_logged_without_its_token(client, caplog, path, script_name, logged):
    with caplog.at_level(logging.INFO, logger="hypogal.request"):
        client.get(path, SCRIPT_NAME=script_name)
    (record,) = request_lines(caplog)
    assert "secret-token-123" not in record.path
    assert record.path == logged


def test_logs_go_to_stdout():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HYPOGAL_"))}
    code = "import logging; logging.getLogger('hypogal.request').info('probe')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "hypogal.settings", "DJANGO_DEBUG": "0",
             "DJANGO_SECRET_KEY": "x" * 60},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["message"] == "probe"
    assert "probe" not in result.stderr


def test_error_reports_hide_addresses_and_passwords_in_service_urls(settings):
    settings.REDIS_URL = "redis://:hunter2@cache.internal:6379/0"
    settings.CACHES = {"default": {"BACKEND": "x", "LOCATION": settings.REDIS_URL}}
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    report_filter = get_exception_reporter_filter(request)
    shown = json.dumps(
        [report_filter.get_safe_settings(), report_filter.get_safe_request_meta(request)],
        default=str,
    )
    assert "hunter2" not in shown
    assert "cache.internal:6379" in shown  # the rest of the address still helps
    assert "203.0.113.7" not in shown and "198.51.100.2" not in shown
