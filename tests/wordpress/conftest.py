"""A realistic small WordPress blog, built in the test: what the import tests share."""

import io

import pytest
from django.core.management import call_command

from tests.images import jpeg_bytes
from tests.wordpress.wxr import BLOG, WPComment, WPItem, attachment, document

CATEGORIES = [
    ("cervical-dystonia", "Cervical dystonia", "A neurological movement disorder."),
    ("relapsing-polychondritis", "Relapsing polychondritis", ""),
    ("my-story", "My Story", "Posts about my own journey."),
    ("uncategorized", "Uncategorized", ""),
]
CD = [("cervical-dystonia", "Cervical dystonia")]
UP = f"{BLOG}/wp-content/uploads"

OVERVIEW = f"""<strong>Cervical dystonia</strong> makes the neck muscles pull. It is <em>rare</em>.
It is also called spasmodic torticollis.

<h2>What does it feel like?</h2>
<ul>
	<li>A pulling neck</li>
	<li>Pain, see <a href="{BLOG}/2019/03/20/rocks-in-my-neck/">my story</a></li>
</ul>
<blockquote>It felt like rocks in my neck.</blockquote>

[caption id="attachment_201" align="aligncenter" width="300"]<a href="{UP}/2019/03/neck.jpg"><img class="size-medium wp-image-201" src="{UP}/2019/03/neck-300x200.jpg" alt="The muscles of the neck" width="300" height="200" /></a> The neck muscles involved[/caption]

<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>
<script>alert("old tracking code")</script>
[contact-form-7 id="12" title="Contact me"]

<h3>Treatment</h3>
Botox injections every <a href="https://www.nhs.example/botox">three months</a>."""

STORY = f"""I woke up and my head would not turn. The doctor said it was stress. It was not.

<img class="alignnone wp-image-202" src="{UP}/2020/05/face-1024x683.jpg" alt="My face, tilted to the left" />

Months later, a neurologist named it.

[gallery ids="202,203"]"""


def blog_items(changes=None):
    """The blog: two published posts (an overview and a story), a draft, a scheduled post,
    a private post, a page, a menu item, and their attachments; ``changes`` edit posts by id."""
    overview = WPItem(
        id=101, title="What is cervical dystonia?", slug="what-is-cervical-dystonia",
        excerpt="A plain overview of cervical dystonia: what it is and how it is treated.",
        content=OVERVIEW, categories=CD + [("uncategorized", "Uncategorized")],
        tags=[("botox", "Botox")], meta={"_thumbnail_id": "201", "_edit_last": "1"},
        comments=[
            WPComment(1, author="Ann", email="ann@example.org", content="So helpful.\nThank you!"),
            WPComment(2, author="Jane Doe", email="jane@example.org", user_id=1, parent=1,
                      content="Glad it helps, <a href=\"https://example.org/x\">more here</a>.",
                      date_gmt="2019-03-13 11:00:00"),
            WPComment(3, author="Bob", email="bob@example.org", parent=2, approved="0",
                      content="Replying to the reply.", date_gmt="2019-03-13 12:00:00"),
            WPComment(4, author="Casino", email="spam@example.com", approved="spam",
                      content="Cheap pills"),
            WPComment(5, author="Old", email="old@example.org", approved="trash",
                      content="Deleted long ago"),
            WPComment(6, author="Other blog", email="", type="pingback",
                      content="[…] a link to this […]"),
            WPComment(7, author="Dee\nEvil: header", email="not-an-email", approved="0",
                      content="Waiting for moderation.", date_gmt="2019-03-14 08:00:00"),
        ],
    )
    story = WPItem(
        id=102, title="Rocks in my neck", slug="rocks-in-my-neck", content=STORY,
        link=f"{BLOG}/2019/03/20/rocks-in-my-neck/", date_gmt="2019-03-20 08:00:00",
        categories=[("my-story", "My Story")] + CD, meta={"_thumbnail_id": "202"},
        comments=[WPComment(8, author="Eve", content="Brave of you to share.")],
    )
    items = [
        overview,
        story,
        WPItem(id=103, title="Sheehan&#8217;s notes", slug="", status="draft",
               content="Half-written.", tags=[("sheehan-syndrome", "Sheehan syndrome")]),
        WPItem(id=104, title="Coming soon", slug="coming-soon", status="future",
               date_gmt="2099-01-01 09:00:00", content="Written ahead of time.",
               categories=[("relapsing-polychondritis", "Relapsing polychondritis")]),
        WPItem(id=105, title="Private thoughts", slug="private-thoughts", status="private",
               content="Only for me."),
        WPItem(id=106, title="About", slug="about", post_type="page", content="About me."),
        WPItem(id=107, title="Home", slug="107", post_type="nav_menu_item"),
        attachment(201, "2019/03/neck.jpg", parent=101, alt="The muscles of the neck",
                   caption="The neck muscles involved"),
        attachment(202, "2020/05/face.jpg", parent=102, alt="My face, tilted to the left"),
        attachment(203, "2020/05/missing.jpg", parent=102, alt="Missing photo",
                   caption="After treatment"),
    ]
    for item in items:
        for key, value in (changes or {}).get(item.id, {}).items():
            setattr(item, key, value)
    return items


def write_blog(path, items=None, **kwargs):
    path.write_text(document(blog_items() if items is None else items, categories=CATEGORIES,
                             **kwargs), encoding="utf-8")
    return path


@pytest.fixture
def uploads(tmp_path):
    """The author's copy of wp-content/uploads: phone photos with GPS; one file is missing."""
    root = tmp_path / "uploads"
    (root / "2019/03").mkdir(parents=True)
    (root / "2020/05").mkdir(parents=True)
    (root / "2019/03/neck.jpg").write_bytes(jpeg_bytes(600, 400, gps=True))
    (root / "2019/03/neck-300x200.jpg").write_bytes(jpeg_bytes(300, 200, gps=True))
    (root / "2020/05/face.jpg").write_bytes(jpeg_bytes(1200, 800, gps=True))
    (root / "2020/05/face-1024x683.jpg").write_bytes(jpeg_bytes(1024, 683, gps=True))
    return root


@pytest.fixture
def export_file(tmp_path):
    return write_blog(tmp_path / "export.xml")


@pytest.fixture
def existing_conditions(db):
    from tests import factories

    return {
        "cd": factories.condition(name="Cervical dystonia", slug="cervical-dystonia"),
        "sheehan": factories.condition(name="Sheehan's syndrome", slug="sheehans-syndrome",
                                       other_names="Sheehan syndrome, postpartum hypopituitarism"),
    }


def run(*args, **options):
    out = io.StringIO()
    call_command("import_wordpress", *[str(a) for a in args], stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def imported(db, existing_conditions, export_file, uploads):
    """The realistic blog imported once, with "My Story" posts as stories."""
    return run(export_file, "--uploads", uploads, "--stories-category", "My Story")
