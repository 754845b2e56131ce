"""What readers see under a post: approved comments only, as inert plain text."""

import pytest
from django.urls import reverse

from hypogal.engagement.models import Discussion, content_type_of
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, post, **params):
    response = client.get(post.get_absolute_url(), params)
    assert response.status_code == 200
    return response


def test_html_and_script_from_a_reader_render_inert(client):
    post = factories.article()
    factories.comment(
        post,
        name='<img src=x onerror="alert(1)">',
        body='<script>alert("x")</script>\n<a href="javascript:alert(1)">click</a> **bold**',
    )
    html = page(client, post).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert 'href="javascript:' not in html
    assert "**bold**" in html  # no markdown either


def test_urls_become_safe_links_and_line_breaks_are_kept(client):
    post = factories.article()
    factories.comment(
        post,
        body='First line\nsecond line\n\nSee https://example.org/a?b=1&c="2" and www.example.com.',
    )
    html = page(client, post).text
    assert "<p>First line<br>second line</p>" in html
    # A quote ends the link and stays text: it cannot close the href.
    assert (
        '<a href="https://example.org/a?b=1&amp;c=" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=</a>&quot;2&quot;"
    ) in html
    link = '<a href="http://www.example.com" rel="nofollow ugc noopener">www.example.com</a>.'
    assert link in html


def test_only_approved_comments_oldest_first_with_count_and_no_email(client):
    post = factories.article()
    factories.comment(post, body="First approved", email="secret@example.org")
    for status in ["pending", "rejected", "spam"]:
        factories.comment(post, body=f"Hidden {status}", status=status)
    factories.comment(post, body="Second approved")
    html = page(client, post).text
    assert html.index("First approved") < html.index("Second approved")
    assert "Hidden" not in html
    assert "secret@example.org" not in html
    assert "2 comments" in html


def test_replies_show_under_their_comment_and_vanish_with_it(client):
    post = factories.article()
    top = factories.comment(post, body="Does it hurt?")
    factories.comment(post, parent=top, body="Only a little.", name="Gal", by_author=True)
    html = page(client, post).text
    assert html.index("Does it hurt?") < html.index("Only a little.")
    assert 'class="comment-replies"' in html and "2 comments" in html
    top.status = "spam"
    top.save()
    html = page(client, post).text
    assert "Only a little." not in html and "No comments yet." in html


def test_reply_link_prefills_the_form_without_javascript(client):
    post = factories.article()
    top = factories.comment(post, name="Ann")
    html = page(client, post).text
    assert f'href="?reply_to={top.pk}#comment-form" rel="nofollow"' in html
    reply_page = page(client, post, reply_to=top.pk).text
    assert "Reply to Ann" in reply_page
    assert f'name="parent" value="{top.pk}"' in reply_page
    # Nonsense or a hidden comment just gives the ordinary form.
    assert "Leave a comment" in page(client, post, reply_to="nope").text


def test_the_form_is_a_plain_post_form_with_csrf_and_a_honeypot(client):
    post = factories.article()
    html = page(client, post).text
    action = reverse("engagement:comment", args=["articles", "article", post.pk])
    assert f'<form class="comment-form" id="comment-form" method="post" action="{action}">' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="token"' in html
    assert 'class="hp-field" aria-hidden="true"' in html
    assert 'aria-describedby="id_email_helptext"' in html


def test_closed_posts_keep_their_comments_but_lose_the_form(client):
    post = factories.article()
    factories.comment(post, body="Still here")
    Discussion.objects.create(
        content_type=content_type_of(post), object_id=post.pk, comments_open=False
    )
    html = page(client, post).text
    assert "Still here" in html and "Comments are closed" in html
    assert 'id="comment-form"' not in html and "reply_to" not in html


def test_staff_preview_of_a_draft_shows_no_forms(staff_client):
    post = factories.draft_article()
    html = staff_client.get(post.get_absolute_url()).text
    assert "Comments open once this post is published." in html
    assert 'id="comment-form"' not in html and "data-like-form" not in html


def test_the_author_sees_a_form_without_name_and_email(staff_client):
    html = staff_client.get(factories.article().get_absolute_url()).text
    assert 'id="comment-form"' in html and 'name="body"' in html
    assert 'name="email"' not in html and "published at once" in html


def test_story_pages_get_the_same_engagement_context(client):
    story = factories.story()
    factories.comment(story, body="A story comment")
    factories.like(story)
    context = client.get(story.get_absolute_url()).context["engagement"]
    assert context.comment_count == 1 and context.like_count == 1
    assert "A story comment" in context.comments_html
    assert context.can_comment and context.comment_url.startswith("/engagement/stories/story/")


def test_the_includes_need_only_engagement_and_object(rf):
    """What the story page (or any later kind of post) relies on when it includes them."""
    from django.template.loader import render_to_string

    from hypogal.engagement.context import for_page

    story = factories.story()
    factories.comment(story, body="Thank you for sharing")
    factories.like(story)
    request = rf.get(story.get_absolute_url())
    request.user = factories.visitor_user()
    context = {"engagement": for_page(request, story), "object": story}
    section = render_to_string("engagement/section.html", context, request=request)
    button = render_to_string("engagement/like_button.html", context, request=request)
    assert "Thank you for sharing" in section and "1 comment" in section
    assert f'action="/engagement/stories/story/{story.pk}/comment/"' in section
    assert "1 like" in button and f'action="/engagement/stories/story/{story.pk}/like/"' in button
    assert render_to_string("engagement/section.html", {}).strip() == ""


def test_long_discussions_are_shown_fifty_conversations_a_page(client, settings):
    settings.HYPOGAL_COMMENTS_PER_PAGE = 5
    post = factories.article()
    first = [factories.comment(post, body=f"Comment number {n:02d}") for n in range(7)]
    factories.comment(post, parent=first[6], body="A reply stays with its comment")
    page_one = client.get(post.get_absolute_url()).text
    assert "Comment number 04" in page_one and "Comment number 05" not in page_one
    assert "8 comments" in page_one  # the count is of the whole discussion
    assert 'href="?comments=2#comments"' in page_one
    page_two = client.get(post.get_absolute_url() + "?comments=2").text
    assert "Comment number 06" in page_two and "A reply stays with its comment" in page_two
    assert "Comment number 00" not in page_two
    assert f"?comments=2&amp;reply_to={first[6].pk}#comment-form" in page_two
    reply_form = client.get(post.get_absolute_url(), {"comments": 2, "reply_to": first[6].pk})
    assert "Reply to" in reply_form.text
