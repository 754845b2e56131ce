"""Old WordPress addresses answer 301 to where each post lives now."""

import pytest

from articles.models import Article
from hypogal.wordpress.models import LegacyRedirect

pytestmark = pytest.mark.django_db

OVERVIEW = "/articles/what-is-cervical-dystonia/"
STORY = "/stories/rocks-in-my-neck/"


def assert_moved(response, location):
    assert response.status_code == 301
    assert response["Location"] == location


def test_the_permalink_path_and_short_link_of_each_post_redirect(imported, client):
    assert_moved(client.get("/2019/03/12/what-is-cervical-dystonia/"), OVERVIEW)
    assert_moved(client.get("/2019/03/12/what-is-cervical-dystonia"), OVERVIEW)  # no slash
    assert_moved(client.get("/?p=101"), OVERVIEW)
    assert_moved(client.get("/2019/03/20/rocks-in-my-neck/"), STORY)
    assert_moved(client.get("/?p=102"), STORY)
    assert_moved(client.head("/?p=102"), STORY)
    assert client.get(STORY).status_code == 200  # and the new address works


def test_other_query_parameters_are_kept(imported, client):
    assert_moved(client.get("/?p=101&utm_source=group"), f"{OVERVIEW}?utm_source=group")
    assert_moved(client.get("/2019/03/20/rocks-in-my-neck/?ref=fb"), f"{STORY}?ref=fb")


def test_the_target_is_found_at_request_time(imported, client):
    article = Article.objects.get(slug="what-is-cervical-dystonia")
    article.slug = "cervical-dystonia-guide"  # renamed after the import
    article.save()
    assert_moved(client.get("/2019/03/12/what-is-cervical-dystonia/"),
                 "/articles/cervical-dystonia-guide/")
    assert_moved(client.get("/?p=101"), "/articles/cervical-dystonia-guide/")


def test_posts_that_are_not_public_are_not_revealed(imported, client):
    assert client.get("/2019/03/12/coming-soon/").status_code == 404  # scheduled
    assert LegacyRedirect.objects.filter(old_path="/?p=103").exists()  # the draft
    response = client.get("/?p=103")
    assert response.status_code == 200  # just the home page, no hint of the draft
    assert "sheehans-notes" not in response.content.decode()


def test_unknown_addresses_and_live_pages_are_untouched(imported, client):
    assert client.get("/2019/01/01/never-existed/").status_code == 404
    assert client.get("/?p=999").status_code == 200
    assert client.get("/?p=abc").status_code == 200
    assert client.get(OVERVIEW).status_code == 200
    assert client.post("/2019/03/12/what-is-cervical-dystonia/").status_code != 301


def test_redirects_answer_before_the_page_cache(imported, client):
    client.get("/")
    client.get("/")  # the home page is now cached for anonymous readers
    assert_moved(client.get("/?p=101"), OVERVIEW)


def test_a_deleted_post_takes_its_old_addresses_with_it(imported, client):
    Article.objects.get(slug="what-is-cervical-dystonia").delete()
    assert not LegacyRedirect.objects.filter(old_path="/?p=101").exists()
    assert client.get("/2019/03/12/what-is-cervical-dystonia/").status_code == 404


def test_the_author_sees_the_old_addresses_in_the_admin(imported, staff_client):
    page = staff_client.get("/admin/wordpress/legacyredirect/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/2019/03/12/what-is-cervical-dystonia" in html and f'href="{OVERVIEW}"' in html
    assert "(not public)" in html  # the draft's and the scheduled post's addresses
    assert staff_client.get("/admin/wordpress/legacyredirect/add/").status_code == 403
    assert staff_client.get("/admin/wordpress/importedpost/").status_code == 200
    redirect = LegacyRedirect.objects.get(old_path="/?p=101")
    change = staff_client.get(f"/admin/wordpress/legacyredirect/{redirect.pk}/change/")
    assert change.status_code == 200 and 'name="old_path"' not in change.content.decode()


def test_a_short_link_on_another_path_never_answers_for_that_page(tmp_path, uploads, client):
    from tests.wordpress.conftest import BLOG, blog_items, run, write_blog

    items = blog_items({101: {"link": f"{BLOG}/articles/live-page/?p=5"}})
    run(write_blog(tmp_path / "crafted.xml", items), "--uploads", uploads)
    assert not LegacyRedirect.objects.filter(old_path__startswith="/articles/").exists()
    assert_moved(client.get("/?p=101"), OVERVIEW)  # its real short link still works


def test_an_image_path_no_file_can_have_is_a_warning_not_a_failed_import(tmp_path, uploads):
    from tests.wordpress.conftest import BLOG, blog_items, run, write_blog

    long_name = "x" * 5000 + ".jpg"
    body = f'<p>Hello</p><img src="{BLOG}/wp-content/uploads/2020/05/{long_name}" alt="a">'
    output = run(write_blog(tmp_path / "odd.xml", blog_items({101: {"content": body}})),
                 "--uploads", uploads)
    assert "Import finished." in output and "Refused an image path no file can have" in output
    assert Article.objects.filter(slug="what-is-cervical-dystonia").exists()



def test_a_blog_root_that_is_one_of_our_pages_gets_no_short_links(tmp_path, uploads, client):
    from tests.wordpress.conftest import BLOG, blog_items, run, write_blog

    export = write_blog(tmp_path / "crafted.xml", blog_items())
    root = f"<wp:base_blog_url>{BLOG}</wp:base_blog_url>"
    crafted = f"<wp:base_blog_url>{BLOG}/articles/</wp:base_blog_url>"
    export.write_text(export.read_text(encoding="utf-8").replace(root, crafted), encoding="utf-8")
    run(export, "--uploads", uploads)
    assert not LegacyRedirect.objects.filter(old_path__contains="?p=").exclude(
        old_path__startswith="/?"
    ).exists()
    assert client.get("/articles/?p=102").status_code == 200  # the list, as always
