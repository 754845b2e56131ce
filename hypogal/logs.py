"""One JSON object per line on stdout: what a log collector wants, and no raw IP addresses."""

import json
import logging
import re
import time

from django.views.debug import SafeExceptionReporterFilter

from hypogal.env import without_password

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request":
                entry[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


logger = logging.getLogger("hypogal.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": _loggable_path(request),
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "cache": response.get("X-Page-Cache", ""),
            },
        )
        return response


# Addresses that carry a secret (a reader's link to stop reply mails): the log shows where the
# secret was, not the secret, or anyone who reads the logs could use the link. Matched on the
# path itself, since a request can end before any URL is resolved (a redirect to add a slash).
SECRET_PATHS = re.compile(r"^(/engagement/replies/stop/)[^/]+")


def _loggable_path(request):
    prefix = request.path[: len(request.path) - len(request.path_info)]
    return prefix + SECRET_PATHS.sub(r"\1<token>", request.path_info)


_ADDRESS_HEADERS = {"REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"}


class PrivateReporterFilter(SafeExceptionReporterFilter):
    """Django's filter (keys, tokens, passwords, cookies hidden), and also readers' addresses and
    the password in a URL such as ``REDIS_URL=redis://:secret@host/0``."""

    def cleanse_setting(self, key, value):
        value = super().cleanse_setting(key, value)
        if type(value) is str:  # not lazy objects that merely look like one
            return without_password(value, self.cleansed_substitute)
        return value

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {
            key: self.cleansed_substitute if key in _ADDRESS_HEADERS else value
            for key, value in meta.items()
        }
