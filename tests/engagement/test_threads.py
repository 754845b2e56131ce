"""A post's discussion is stored rendered; every change to what it shows renders it again."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from hypogal.engagement import posts
from hypogal.engagement.models import Comment, ThreadPage, content_type_of
from tests import factories
from tests.engagement.test_concurrency import in_threads

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:engagement_comment_changelist")


def shown(client, post, **params):
    response = client.get(post.get_absolute_url(), params)
    assert response.status_code == 200
    return response.text


def test_approving_in_bulk_shows_the_comments_on_the_next_view(client, staff_client):
    post = factories.article()
    waiting = [factories.comment(post, status="pending", body=f"Waiting {n}") for n in range(2)]
    assert "Waiting" not in shown(client, post)
    pks = [comment.pk for comment in waiting]
    staff_client.post(CHANGELIST, {"action": "approve", "_selected_action": pks})
    html = shown(client, post)
    assert "Waiting 0" in html and "Waiting 1" in html and "2 comments" in html


def test_rejecting_or_deleting_hides_the_comment_and_its_replies(client, staff_client):
    post = factories.article()
    top = factories.comment(post, body="Unkind words")
    factories.comment(post, parent=top, body="A reply under it")
    kept = factories.comment(post, body="Kind words")
    staff_client.post(CHANGELIST, {"action": "reject", "_selected_action": [top.pk]})
    html = shown(client, post)
    assert "Unkind words" not in html and "A reply under it" not in html
    assert "Kind words" in html and "1 comment" in html
    kept.delete()
    assert "Kind words" not in shown(client, post) and "No comments yet." in shown(client, post)


def test_an_edit_in_the_admin_shows_at_once(client, staff_client):
    post = factories.article()
    comment = factories.comment(post, name="Jane Fullsurname")
    comment.name = "Jane"
    comment.save()
    html = shown(client, post)
    assert ">Jane</strong>" in html and "Fullsurname" not in html


def test_closing_comments_takes_the_reply_links_away_and_opening_brings_them_back(client):
    post = factories.article()
    comment = factories.comment(post)
    reply_link = f"reply_to={comment.pk}#comment-form"
    assert reply_link in shown(client, post)
    posts.set_comments_open([post], False)
    html = shown(client, post)
    assert reply_link not in html and "Comments are closed on this post." in html
    posts.set_comments_open([post], True)
    assert reply_link in shown(client, post)


def test_a_reply_link_names_the_comment_it_answers(client):
    post = factories.article()
    comment = factories.comment(post, name="Mia")
    html = shown(client, post, reply_to=comment.pk)
    assert "Reply to Mia" in html and f'name="parent" value="{comment.pk}"' in html
    hidden = factories.comment(post, name="Pending Pat", status="pending")
    assert "Reply to Pending Pat" not in shown(client, post, reply_to=hidden.pk)


def test_a_changed_page_size_or_lost_rows_are_rebuilt_on_the_next_view(client, settings):
    post = factories.article()
    for n in range(3):
        factories.comment(post, body=f"Comment number {n}")
    settings.HYPOGAL_COMMENTS_PER_PAGE = 2
    assert "Comment number 2" not in shown(client, post)
    assert "Comment number 2" in shown(client, post, comments=2)
    assert "Comment number 2" in shown(client, post, comments=99)  # past the end: the last
    assert "Comment number 0" in shown(client, post, comments="x")  # not a number: the first
    ThreadPage.objects.all().delete()  # e.g. data loaded around the models
    assert "3 comments" in shown(client, post) and "Comment number 1" in shown(client, post)


def test_a_release_that_changes_the_markup_renders_stored_discussions_again(client):
    post = factories.article()
    factories.comment(post, body="Still here")
    ThreadPage.objects.update(html="<p>markup of an older release</p>", layout="50/UTC/0ld")
    html = shown(client, post)
    assert "older release" not in html and "Still here" in html


def test_the_authors_preview_of_an_unpublished_post_shows_its_comments(staff_client):
    post = factories.article()
    comment = factories.comment(post, body="Said while it was public")
    post.status = post.Status.DRAFT
    post.save()
    html = shown(staff_client, post)
    assert "Said while it was public" in html and f"reply_to={comment.pk}" not in html
    assert "Comments open once this post is published." in html


def test_a_deleted_post_takes_its_stored_discussion_with_it():
    post = factories.article()
    factories.comment(post)
    key = {"content_type": content_type_of(post), "object_id": post.pk}
    assert ThreadPage.objects.filter(**key).exists()
    post.delete()
    assert not ThreadPage.objects.filter(**key).exists()


def test_one_row_per_page_number_in_the_database():
    post = factories.article()
    row = ThreadPage.objects.get(content_type=content_type_of(post), object_id=post.pk)
    for number in (0, row.num_pages + 1):
        with pytest.raises(IntegrityError), transaction.atomic():
            ThreadPage.objects.filter(pk=row.pk).update(number=number)
    with pytest.raises(IntegrityError), transaction.atomic():
        ThreadPage.objects.create(
            content_type=row.content_type, object_id=post.pk, number=1, layout=row.layout
        )


@pytest.mark.django_db(transaction=True)
def test_approvals_at_the_same_moment_all_show(client):
    """Each approval renders the discussion; the lock makes the last render see them all."""
    post = factories.article()
    waiting = [factories.comment(post, status="pending", body=f"Late {n}") for n in range(10)]

    def approve(index):
        comment = Comment.objects.get(pk=waiting[index].pk)
        comment.status = Comment.Status.APPROVED
        comment.save()

    in_threads(10, approve)
    html = shown(client, post)
    assert "10 comments" in html
    assert all(f"Late {n}<" in html for n in range(10))


@pytest.mark.parametrize(
    ("wanted", "shown_page"), [("--5", 1), ("x", 1), ("-1", 2), ("0", 2), ("9" * 5000, 2)]
)
def test_odd_page_numbers_answer_as_django_paginates(client, settings, wanted, shown_page):
    settings.HYPOGAL_COMMENTS_PER_PAGE = 1
    post = factories.article()
    factories.comment(post, body="On page one")
    factories.comment(post, body="On page two")
    html = shown(client, post, comments=wanted)
    assert ("On page one" if shown_page == 1 else "On page two") in html
    assert shown(client, post, reply_to="9" * 5000)  # not a comment: a plain page, no error


def test_every_bulk_change_renders_the_discussions_it_touches(client):
    post, other = factories.article(), factories.article()
    hidden_parent = factories.comment(post, status="rejected")
    reply = factories.comment(post, parent=hidden_parent, body="A reply set free")
    assert "A reply set free" not in shown(client, post)
    Comment.objects.filter(pk=reply.pk).update(parent_id=None)  # by attribute name
    assert "A reply set free" in shown(client, post)
    Comment.objects.filter(pk=reply.pk).update(object_id=other.pk)  # moved: both pages
    assert "A reply set free" not in shown(client, post)
    assert "A reply set free" in shown(client, other)
    factories.comment(other)
    posts.set_comments_open([other], False)
    from hypogal.engagement.models import Discussion

    Discussion.objects.filter(object_id=other.pk).update(comments_open=True)
    assert "reply_to=" in shown(client, other)


def test_a_bulk_delete_or_an_import_renders_each_discussion_once(staff_client, monkeypatch):
    from hypogal.engagement import threads

    post = factories.article()
    pks = [factories.comment(post).pk for _ in range(3)]
    builds = []
    real_build = threads._build
    monkeypatch.setattr(threads, "_build", lambda *key: builds.append(key) or real_build(*key))
    staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    )
    assert not Comment.objects.filter(pk__in=pks).exists()
    assert builds == [(content_type_of(post).pk, post.pk)]
    assert "No comments yet." in shown(staff_client, post)
