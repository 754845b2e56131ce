"""``/healthz``: 200 when the database (and Redis, when configured) answer; 503 otherwise.

A load balancer or an orchestrator probes each app server by its own address, often over plain
HTTP. The host check would answer that probe 400 and the HTTPS redirect 301, so the middleware
below answers it first, before either runs. It says "ok" or "unavailable" and nothing more.
"""

import logging

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/healthz"


def healthz(request):
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if settings.REDIS_URL:
            cache.set("hypogal:healthz", 1, 10)
            if cache.get("hypogal:healthz") != 1:
                raise ConnectionError("cache did not answer")
    except Exception:  # noqa: BLE001 - any failure means "not healthy"; the log has the detail
        logger.exception("health check failed")
        response = HttpResponse("unavailable\n", status=503, content_type="text/plain")
    else:
        response = HttpResponse("ok\n", content_type="text/plain")
    add_never_cache_headers(response)  # a proxy's cached "ok" would hide an outage
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the probe before anything asks for the request's host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
