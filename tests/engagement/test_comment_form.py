"""A blank comment form's fields are rendered once per process; a sent form's every time."""

import pytest
from django.template.loader import render_to_string

from hypogal.engagement import forms
from hypogal.engagement.forms import FIELDS_TEMPLATE, AuthorCommentForm, CommentForm
from tests import factories
from tests.engagement.helpers import post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_kept_fields():
    forms._blank_fields.clear()
    yield
    forms._blank_fields.clear()


def test_a_blank_forms_fields_are_kept_and_match_a_fresh_rendering(client):
    post = factories.article()
    page = client.get(post.get_absolute_url()).text
    assert len(forms._blank_fields) == 1
    kept = CommentForm(post=factories.story()).fields_html
    assert kept == render_to_string(FIELDS_TEMPLATE, {"form": CommentForm(post=post)})
    assert kept in page and 'for="id_name">Your name</label>' in kept
    assert kept in client.get(factories.article().get_absolute_url()).text


def test_a_sent_form_shows_its_own_values_and_errors_and_the_next_blank_one_is_blank(client):
    post = factories.article()
    client.get(post.get_absolute_url())  # a blank form's fields are kept
    refused = post_comment(client, post, name="", body="My neck pulls to the left.").text
    assert 'id="id_name_error"' in refused and "My neck pulls to the left." in refused
    page = client.get(post.get_absolute_url()).text
    assert "My neck pulls to the left." not in page and 'id="id_name_error"' not in page


def test_the_authors_form_is_not_a_readers(client, staff_client):
    post = factories.article()
    assert "Your name" in client.get(post.get_absolute_url()).text
    author = staff_client.get(post.get_absolute_url()).text
    assert "Your name" not in author and "Your comment" in author
    assert "Your name" in client.get(post.get_absolute_url()).text
    user = factories.staff_user()
    assert "Your name" not in AuthorCommentForm(post=post, user=user).fields_html


def test_while_debug_is_on_nothing_is_kept(client, settings):
    settings.DEBUG = True
    client.get(factories.article().get_absolute_url())
    assert forms._blank_fields == {}
