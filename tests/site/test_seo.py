"""What search engines and link previews read on every page."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hypogal.models import SiteSettings
from tests import factories, images

pytestmark = pytest.mark.django_db

OVERVIEW = """Intro.

## What Is Cervical Dystonia?

A neurological movement disorder of the **neck** muscles.

## What causes it?

Often unknown.

## Treatment

Injections.
"""


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert blocks, "no JSON-LD on the page"
    return [item for block in blocks for item in json.loads(block)]


def of_type(items, kind):
    return next(item for item in items if item["@type"] == kind)


@pytest.fixture
def site_with_logo():
    logo = SimpleUploadedFile("logo.png", images.png_bytes(120, 60), "image/png")
    return SiteSettings.objects.create(
        publisher_logo=logo,
        author_name="The HypoGal author",
        facebook_url="https://facebook.com/hypogal",
    )


def test_article_json_ld(client, site_with_logo):
    condition = factories.condition(
        name="Cervical dystonia", other_names="spasmodic torticollis, torticollis"
    )
    article = factories.article(
        title="What is cervical dystonia?",
        summary="An overview.",
        body=OVERVIEW,
        conditions=[condition],
    )
    items = json_ld(client.get(article.get_absolute_url()).text)

    posting = of_type(items, "BlogPosting")
    url = "http://testserver" + article.get_absolute_url()
    assert posting["headline"] == "What is cervical dystonia?"
    assert posting["description"] == "An overview."
    assert posting["mainEntityOfPage"]["@id"] == url
    assert posting["datePublished"] and posting["dateModified"]
    assert posting["author"]["name"] == "The HypoGal author"
    publisher = posting["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "HypoGal"
    assert publisher["logo"]["url"].startswith("http://testserver/media/site/")
    assert publisher["logo"]["width"] == 120
    assert posting["about"] == [
        {
            "@type": "MedicalCondition",
            "name": "Cervical dystonia",
            "alternateName": ["spasmodic torticollis", "torticollis"],
            "url": "http://testserver" + condition.get_absolute_url(),
        }
    ]

    faq = of_type(items, "FAQPage")
    questions = {q["name"]: q["acceptedAnswer"]["text"] for q in faq["mainEntity"]}
    assert questions == {
        "What Is Cervical Dystonia?": "A neurological movement disorder of the neck muscles.",
        "What causes it?": "Often unknown.",
    }
    crumbs = of_type(items, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Condition guides", "What is cervical dystonia?"]


def test_no_faq_without_question_headings(client):
    article = factories.article(body="## Treatment\n\nInjections.")
    assert "FAQPage" not in [
        item["@type"] for item in json_ld(client.get(article.get_absolute_url()).text)
    ]


def test_the_faq_follows_an_edited_body(client):
    article = factories.article(body=OVERVIEW)
    faq = of_type(json_ld(client.get(article.get_absolute_url()).text), "FAQPage")
    assert len(faq["mainEntity"]) == 2
    article.body = "## Is it rare?\n\nYes."
    article.save()
    faq = of_type(json_ld(client.get(article.get_absolute_url()).text), "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["Is it rare?"]


def test_story_json_ld_uses_the_first_photo(client):
    story = factories.story(title="Rocks in my neck")
    factories.photo(story, image=images.jpeg_bytes(width=1200, height=900))
    html = client.get(story.get_absolute_url()).text
    posting = of_type(json_ld(html), "BlogPosting")
    assert posting["image"].startswith("http://testserver/media/stories/")
    assert '<meta property="og:image" content="http://testserver/media/stories/' in html


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    evil = "Hi </script><script>alert(1)</script> & <!--"
    article = factories.article(title=evil, summary=evil)
    html = client.get(article.get_absolute_url()).text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(
        1
    )
    assert "<" not in block and ">" not in block
    assert of_type(json.loads(block), "BlogPosting")["headline"] == evil
    assert "<script>alert(1)" not in html


def test_detail_page_has_canonical_open_graph_twitter_and_share_links(client):
    article = factories.article(title="Botox & me", summary="What it felt like.")
    html = client.get(article.get_absolute_url() + "?utm_source=facebook").text
    url = "http://testserver" + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Botox &amp; me">' in html
    assert '<meta property="og:description" content="What it felt like.">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert (
        '<meta name="twitter:card"' in html
        and '<meta name="twitter:title" content="Botox &amp; me">' in html
    )
    encoded = "http%3A%2F%2Ftestserver%2Farticles%2F" + article.slug + "%2F"
    assert f"https://www.facebook.com/sharer/sharer.php?u={encoded}" in html
    assert f"https://x.com/intent/post?url={encoded}" in html
    assert "mailto:?subject=Botox%20%26%20me" in html
    assert 'class="copy-link"' in html


def test_site_settings_feed_header_and_footer(client):
    SiteSettings.objects.create(
        site_name="HypoGal",
        tagline="A new tagline",
        facebook_url="https://www.facebook.com/hypogal",
        author_bio="I write about living with three rare conditions.",
        disclaimer="Talk to your own doctor.",
    )
    html = client.get(reverse("home")).text
    assert "A new tagline" in html
    assert (
        '<a href="https://www.facebook.com/hypogal" rel="noopener me">Like HypoGal on Facebook</a>'
        in html
    )
    assert "I write about living with three rare conditions." in html
    assert "Talk to your own doctor." in html


def test_site_settings_are_one_row(staff_client):
    from django.db import IntegrityError, transaction

    SiteSettings.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteSettings.objects.bulk_create([SiteSettings(id=2)])
    response = staff_client.get(reverse("admin:hypogal_sitesettings_changelist"))
    assert response.status_code == 302 and response.url.endswith("/1/change/")


def test_every_page_has_a_unique_title_and_description(client):
    condition = factories.condition(name="Cervical dystonia")
    article = factories.article(
        title="What is cervical dystonia?", summary="Overview A.", conditions=[condition]
    )
    other = factories.article(title="What is RP?", summary="Overview B.")
    story = factories.story(title="Rocks in my neck", summary="My story.", conditions=[condition])
    for n in range(10):  # a second page of guides
        factories.article(title=f"Guide {n}", summary=f"Guide {n}.")
    urls = [
        reverse("home"),
        reverse("articles:list"),
        reverse("articles:list") + "?page=2",
        reverse("articles:list") + f"?condition={condition.slug}",
        reverse("stories:list"),
        reverse("stories:list") + f"?condition={condition.slug}",
        reverse("conditions"),
        reverse("search"),
        reverse("search") + "?q=neck",
        condition.get_absolute_url(),
        article.get_absolute_url(),
        other.get_absolute_url(),
        story.get_absolute_url(),
    ]
    titles, descriptions = {}, {}
    for url in urls:
        html = client.get(url).text
        title = re.search(r"<title>(.+?)</title>", html, re.DOTALL).group(1).strip()
        description = (
            re.search(r'<meta name="description" content="([^"]+)">', html).group(1).strip()
        )
        assert title and description, url
        titles.setdefault(title, []).append(url)
        descriptions.setdefault(description, []).append(url)
    assert all(len(pages) == 1 for pages in titles.values()), titles
    # The search pages share a description on purpose (they are noindex); all else is unique.
    duplicates = {d: p for d, p in descriptions.items() if len(p) > 1}
    assert list(duplicates.values()) in ([], [[reverse("search"), reverse("search") + "?q=neck"]])


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]*)">', html).group(1)


@pytest.mark.parametrize("query", ["?page=2", "?page=3&condition=nope", "?utm_source=x", "?x=1"])
def test_pages_without_pages_have_their_bare_path_as_canonical(client, query):
    article = factories.article()
    for path in ("/", article.get_absolute_url(), "/conditions/"):
        response = client.get(path + query)
        assert response.status_code == 200
        assert canonical(response.text) == "http://testserver" + path


def test_a_list_page_names_the_page_and_condition_it_shows(client):
    condition = factories.condition(slug="sheehans-syndrome")
    for _ in range(12):
        factories.article(conditions=[condition])
    url = reverse("articles:list")
    assert canonical(client.get(url + "?page=1").text) == f"http://testserver{url}"
    last = client.get(url, {"page": "last", "condition": "sheehans-syndrome", "utm_source": "x"})
    assert canonical(last.text) == (
        f"http://testserver{url}?condition=sheehans-syndrome&amp;page=2"
    )


@pytest.mark.parametrize("page", ["\u00b2", "\u2460", "\u0663"])  # ², ①, Arabic-Indic 3
def test_unicode_digits_in_page_never_break_a_page(client, page):
    article = factories.article()
    assert client.get("/", {"page": page}).status_code == 200
    assert client.get(article.get_absolute_url(), {"page": page}).status_code == 200
    assert client.get(reverse("articles:list"), {"page": page}).status_code == 404
    assert client.get(reverse("search"), {"q": "x", "page": page}).status_code == 200
