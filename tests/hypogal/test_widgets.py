"""The Python-written widgets give exactly the markup of Django's own widget templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from hypogal.widgets import FastWidgetRenderer
from tests import factories

TRICKY = ['', 'plain', 'quotes " and \' & <b>', mark_safe("<i>safe</i>"), 0, 12, None]


class Everything(forms.Form):
    text = forms.CharField(max_length=80, help_text="Shown with it.")
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    number = forms.IntegerField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    check = forms.BooleanField(required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "data-x": '"<>"'}))
    odd = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"autofocus": True, "hidden": False})
    )


def both(form_class, **kwargs):
    fast = form_class(renderer=FastWidgetRenderer(), **kwargs)
    slow = form_class(renderer=DjangoTemplates(), **kwargs)
    return [(str(fast[name]), str(slow[name])) for name in fast.fields]


@pytest.mark.parametrize("value", TRICKY)
def test_every_widget_renders_as_the_templates_do(value):
    data = {name: value for name in Everything.base_fields if value is not None}
    for fast, slow in both(Everything, data=data) + both(Everything, initial=data):
        assert fast == slow
    assert both(Everything)  # and unbound, empty


@pytest.mark.django_db
def test_the_comment_form_renders_as_the_templates_do():
    from hypogal.engagement.forms import CommentForm

    post = factories.article()
    data = {"name": 'Ann "A" <b>', "email": "not an email", "body": "x\n<script>", "website": ""}
    for kwargs in ({}, {"data": data}):
        for fast, slow in both(lambda **kw: CommentForm(post=post, **kw), **kwargs):
            assert fast == slow


def test_other_widgets_still_use_the_templates():
    class Choice(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B <b>")])

    (fast, slow), = both(Choice, data={"pick": "b"})
    assert fast == slow and "<select" in fast
