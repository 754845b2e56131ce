"""Refuse addresses carrying a NUL byte before any view sees them.

No page of ours has a NUL in its address, and PostgreSQL refuses NUL in any text parameter:
a hand-made ``?q=%00`` or ``/%00`` would otherwise reach a query (search, the condition filter,
the old-WordPress-address lookup on a 404) and end as a 500. Form bodies are checked by the
forms themselves (Django's CharField refuses NUL with a message).
"""

from django.core.exceptions import BadRequest


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)
