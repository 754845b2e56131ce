"""Remembered addresses are reverse()'s, under the URL configuration and prefix of the moment."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from hypogal.links import address


def test_an_address_is_what_reverse_gives():
    assert address("articles:detail", "what-is-dystonia") == reverse(
        "articles:detail", kwargs={"slug": "what-is-dystonia"}
    )
    assert address("engagement:like", "stories", "story", 7) == reverse(
        "engagement:like", args=["stories", "story", 7]
    )


def test_a_site_under_a_prefix_gets_prefixed_addresses():
    plain = address("articles:detail", "dystonia")
    set_script_prefix("/blog/")
    try:
        assert address("articles:detail", "dystonia") == "/blog" + plain
    finally:
        clear_script_prefix()
    assert address("articles:detail", "dystonia") == plain


def test_another_url_configuration_gets_its_own_addresses(settings):
    home = address("home")
    settings.ROOT_URLCONF = "tests.hypogal.prefixed_urls"
    assert address("home") == "/prefixed" + home
