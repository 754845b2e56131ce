"""The main navigation and the feed links every page carries."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def nav(html):
    block = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.DOTALL).group(1)
    return re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', block)


@pytest.mark.parametrize("name", ["home", "articles:list", "stories:list", "conditions", "search"])
def test_the_page_a_reader_is_on_is_marked_and_no_other(client, name):
    links = nav(client.get(reverse(name)).text)
    assert [label for _, _, label in links] == [
        "Home", "Condition guides", "Stories", "Conditions", "Search"
    ]
    assert [url for url, current, _ in links if current] == [reverse(name)]


def test_a_post_page_marks_no_section_and_links_the_feeds(client):
    html = client.get(factories.article().get_absolute_url()).text
    assert not [current for _, current, _ in nav(html) if current]
    assert f'everything (RSS)" href="{reverse("feed")}"' in html
    assert f'href="{reverse("feed_atom")}"' in html
    assert f'<a href="{reverse("feed")}">Follow by RSS</a>' in html
