"""Form widgets written out in Python: the same markup as Django's widget templates, faster.

Every post page shows the comment form, and rendering its six widgets through templates took
about a third of the page's template time (README, Performance). The widgets a public page
shows (text-like inputs, checkbox, hidden, textarea) are written here exactly as Django's
django/forms/widgets/{input,attrs,textarea}.html write them; tests/hypogal/test_widgets.py
holds the two side by side. Every other template goes to Django as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_INPUT_TYPES = ("input", "text", "email", "url", "hidden", "checkbox", "number", "password")
INPUT_TEMPLATES = frozenset(f"django/forms/widgets/{name}.html" for name in _INPUT_TYPES)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _text(value):
    # {{ value|stringformat:"s" }}: str() of it, escaped unless already safe.
    return conditional_escape(value if hasattr(value, "__html__") else str(value))


def _attrs(attrs):
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{_text(value)}"')
    return "".join(out)


def _input(widget):
    value = widget["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _textarea(widget):
    value = widget["value"]
    body = conditional_escape(value) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{body}</textarea>"
    )


class FastWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return mark_safe(_input(context["widget"]))  # noqa: S308 - every part escaped
        if template_name == TEXTAREA_TEMPLATE:
            return mark_safe(_textarea(context["widget"]))  # noqa: S308 - every part escaped
        return super().render(template_name, context, request)
