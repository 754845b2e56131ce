"""The two things a reader can send: a comment and a like. Both POST-redirect-GET."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from hypogal import visitors
from hypogal.engagement import comments, likes, posts, spam
from hypogal.engagement.context import is_author
from hypogal.engagement.forms import AuthorCommentForm, CommentForm
from hypogal.engagement.models import Comment

COMMENT_RATE_VISITOR = "HYPOGAL_COMMENT_RATE_VISITOR"
COMMENT_RATE_IP = "HYPOGAL_COMMENT_RATE_IP"
LIKE_RATE_IP = "HYPOGAL_LIKE_RATE_IP"
DEFAULT_RATES = {COMMENT_RATE_VISITOR: "5/600", COMMENT_RATE_IP: "20/600", LIKE_RATE_IP: "30/600"}


def rate(name):
    return spam.Rate.parse(getattr(settings, name, DEFAULT_RATES[name]))


def too_many(request, template, context, window):
    response = render(request, template, {**context, "too_many": True}, status=429)
    response["Retry-After"] = str(window)
    add_never_cache_headers(response)  # it shows what she typed: hers alone
    return response


def comment_page(request, post, form, status, **extra):
    context = {"post": post, "form": form, "comment_url": posts.comment_url(post), **extra}
    response = render(request, "engagement/comment_page.html", context, status=status)
    add_never_cache_headers(response)  # her name, address and words, sent back to her
    return response


@require_http_methods(["GET", "POST"])
def comment(request, app_label, model_name, pk):
    post = posts.published_post_or_404(app_label, model_name, pk)
    if request.method == "GET":
        # The address of a form's answer, opened again (a restored tab, a copied link): the
        # form itself, not a blank "method not allowed".
        return redirect(post.get_absolute_url() + "#comment-form")
    if not posts.comments_open(post):
        context = {"post": post, "title": "Comments are closed"}
        return render(request, "engagement/notice.html", context, status=403)
    visitor = visitors.get(request)
    ip_hash = visitors.ip_hash(request)
    author = is_author(request.user)
    if author:
        form = AuthorCommentForm(request.POST, post=post, user=request.user)
    else:
        form = CommentForm(request.POST, post=post)
        by_visitor = rate(COMMENT_RATE_VISITOR)
        by_ip = rate(COMMENT_RATE_IP)
        # Every attempt counts for the network (a flood of broken posts is still a flood), but
        # only comments that could be sent count for the visitor: five typos in an email
        # address must not lock a reader out of commenting.
        allowed = [spam.allow("comment-ip", ip_hash, by_ip)]
        if form.is_valid():
            allowed.append(spam.allow("comment-visitor", visitor.hash, by_visitor))
        if not all(allowed):
            kept = {key: request.POST.get(key, "") for key in ("name", "email", "body", "parent")}
            kept["notify_replies"] = bool(request.POST.get("notify_replies"))
            window = max(by_visitor.seconds, by_ip.seconds)
            context = {"post": post, "form": CommentForm(initial=kept, post=post),
                       "comment_url": posts.comment_url(post),
                       "wait_minutes": max(1, round(window / 60))}
            response = too_many(request, "engagement/comment_page.html", context, window)
            return visitors.remember(request, response)
    if not form.is_valid():
        return visitors.remember(request, comment_page(request, post, form, 400))
    prepared = comments.prepare(form, by_author=author, visitor_hash=visitor.hash, ip_hash=ip_hash)
    stored, created = comments.store(prepared)
    if stored is None:
        form.token_already_used()
        return visitors.remember(request, comment_page(request, post, form, 400))
    if stored.status == Comment.Status.APPROVED:
        if created:
            comments.notify_replied(request, stored)
        messages.success(request, "Your reply is published.")
        return visitors.remember(request, redirect(stored.get_absolute_url()))
    else:
        if created:
            comments.notify_author(request, stored, post)
        messages.success(
            request,
            "Thank you! Your comment is waiting for moderation: it appears here once the author "
            "has read it.",
        )
        # To the message itself (top of the page): the comment is not on the page yet.
        target = "#messages"
    return visitors.remember(request, redirect(post.get_absolute_url() + target))


def likes_label(count):
    return f"{count} like" if count == 1 else f"{count} likes"


@require_http_methods(["GET", "POST"])
def like(request, app_label, model_name, pk):
    post = posts.published_post_or_404(app_label, model_name, pk)
    if request.method == "GET":
        return redirect(post.get_absolute_url() + "#likes")  # as for a comment's address
    visitor = visitors.get(request)
    wants_json = "application/json" in request.headers.get("Accept", "")
    by_ip = rate(LIKE_RATE_IP)
    if not spam.allow("like-ip", visitors.ip_hash(request), by_ip):
        text = "Too many likes from your network just now. Please try again in a few minutes."
        if wants_json:
            response = JsonResponse({"error": text}, status=429)
            response["Retry-After"] = str(by_ip.seconds)
            return response
        context = {"post": post, "title": "Please wait a moment", "text": text}
        return too_many(request, "engagement/notice.html", context, by_ip.seconds)
    action = request.POST.get("action", "like")
    if action == "like":
        likes.like(post, visitor.hash)
    elif action == "unlike":
        likes.unlike(post, visitor.hash)
    else:
        return HttpResponseBadRequest("Unknown action.")
    count, liked = likes.state(post, visitor.hash)
    if wants_json:
        response = JsonResponse({"liked": liked, "count": count, "label": likes_label(count)})
    else:
        messages.success(request, "Thank you for the like." if liked else "Your like is removed.")
        # To the message (top of the page, by the button): at #likes it was scrolled out of view.
        response = redirect(post.get_absolute_url() + "#messages")
    return visitors.remember(request, response)


@require_http_methods(["GET", "POST"])
def stop_replies(request, token):
    """The link in a reply mail: a confirm button (mail scanners follow links, never POST)."""
    comment = comments.comment_for_stop_token(token)
    stopped = False
    if comment is not None and request.method == "POST":
        # Every comment of hers on this post: she asked to stop hearing about it, not about
        # one of her comments while another keeps writing to her.
        mine = Comment.objects.filter(
            content_type_id=comment.content_type_id, object_id=comment.object_id
        )
        mine = mine.filter(email__iexact=comment.email) if comment.email else mine.filter(
            pk=comment.pk
        )
        mine.update(notify_replies=False)
        stopped = True
    context = {"comment": comment, "stopped": stopped}
    status = 200 if comment else 404
    response = render(request, "engagement/stop_replies.html", context, status=status)
    add_never_cache_headers(response)
    return response
