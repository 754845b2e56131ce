from django import forms
from django.conf import settings
from django.template.loader import render_to_string

from hypogal.engagement import spam
from hypogal.engagement.models import Comment, content_type_of

FIELDS_TEMPLATE = "engagement/comment_fields.html"
# A blank form's fields, rendered: {(kind of form, the fields' initial values): html}.
_blank_fields = {}


class CommentForm(forms.ModelForm):
    """A reader's comment. The post is fixed by the URL, never by the form."""

    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    # Rendered by hand from ``next_token`` (see the template): a form shown again after an
    # error must carry either the same token (so waiting is enough) or a fresh one.
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from assistive technology by aria-hidden.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    is_author = False

    class Meta:
        model = Comment
        fields = ["name", "email", "body", "notify_replies"]
        labels = {
            "name": "Your name",
            "email": "Your email",
            "body": "Your comment",
            "notify_replies": "Email me when someone replies",
        }
        help_texts = {
            "name": "Shown with your comment.",
            "email": "Never shown. Only the author sees it, to write back if needed.",
            "body": "Plain text, up to 5,000 characters. Web addresses become links.",
            "notify_replies": "One email per published reply, with a link to stop them.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        if self.is_bound:  # an empty form on a page needs no ContentType lookup
            self.instance.content_type = content_type_of(post)
            self.instance.object_id = post.pk
        if "email" in self.fields:
            self.fields["email"].required = True
        self.nonce = None
        self._fresh_token = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.add_error(None, "Your comment could not be accepted. Please leave the last "
                                 "field empty and send it again.")
        try:
            self.nonce = spam.check_token(cleaned.get("token"), self.post)
            self._fresh_token = False
        except spam.TokenError as error:
            self._fresh_token = error.fresh
            self.add_error(None, str(error))
        self.instance.parent = self._resolve_parent(cleaned.get("parent"))
        return cleaned

    def _resolve_parent(self, value):
        if not value:
            return None
        parent = None
        # Digits only, and short enough for a bigint: anything else is no comment of ours.
        if value.isascii() and value.isdigit() and len(value) <= 18:
            parent = (
                Comment.objects.select_related("parent")
                .filter(
                    pk=int(value),
                    content_type=self.instance.content_type,
                    object_id=self.instance.object_id,
                    status=Comment.Status.APPROVED,
                )
                .first()
            )
        # Replies are one level deep: answering a reply answers the comment it belongs to.
        if parent is not None and parent.parent is not None:
            parent = parent.parent if parent.parent.status == Comment.Status.APPROVED else None
        if parent is None:
            self.add_error(None, "The comment you are replying to is no longer available. "
                                 "You can post yours as a new comment.")
            # The form shown again sends a new comment, as it says, not the same dead reply.
            self.data = self.data.copy()
            self.data["parent"] = ""
        return parent

    def token_already_used(self):
        """Called when the nonce was taken by a different comment: ask for a fresh send."""
        self._fresh_token = True
        self.add_error(None, "This form was already used to send a comment. Please check yours "
                             "and send it again.")

    @property
    def next_token(self):
        if self.is_bound and not self._fresh_token:
            return self.data.get("token", "")
        return spam.issue_token(self.post)

    @property
    def fields_html(self):
        """The visible fields and the honeypot, as FIELDS_TEMPLATE renders them.

        A blank form's fields render the same on every page and for every reader: no value
        typed, no error, nothing of the post. That HTML is a function of the code and the
        initial values alone, so it is rendered once per process and kept (it was a fifth of
        a post page's rendering). A sent form, with its values and errors, renders each time;
        so does every form while DEBUG lets templates change under a running server.
        """
        # Values a request brought (a 429 keeps what was typed) are not kept: they are the
        # reader's, and keeping each would let anyone fill the process's memory.
        typed = any(self.initial.get(field.name) for field in self.visible_fields())
        if self.is_bound or settings.DEBUG or typed:
            return render_to_string(FIELDS_TEMPLATE, {"form": self})
        # Hidden fields are not in it (the parent differs with the comment replied to).
        key = (type(self), repr([field.initial for field in self.visible_fields()]))
        if key not in _blank_fields:
            _blank_fields[key] = render_to_string(FIELDS_TEMPLATE, {"form": self})
        return _blank_fields[key]

    @property
    def top_errors(self):
        """Errors no visible field can show: the form's own, and the hidden fields'."""
        errors = list(self.non_field_errors())
        for name in ("parent", "token", "website"):
            errors.extend(self.errors.get(name, []) if self.is_bound else [])
        return errors

    @property
    def field_errors(self):
        """(label, message, the field's id) for each visible field's error, in the form's order:
        the summary at the top of the form links to each field, for a phone's small screen."""
        if not self.is_bound:
            return []
        return [
            (field.label, error, field.id_for_label)
            for field in self.visible_fields()
            if field.name != "website"
            for error in field.errors
        ]

    @property
    def reply_to(self):
        return self.instance.parent if self.is_bound else self.initial.get("parent_comment")


class AuthorCommentForm(CommentForm):
    """The author, logged in as staff: her name and address come from her account."""

    is_author = True

    class Meta(CommentForm.Meta):
        fields = ["body"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.name = (user.get_full_name() or user.get_username())[:80]
        self.instance.email = user.email
        self.instance.user = user
