"""What search engines and link previews read: schema.org JSON-LD for a post's page.

Core code: it reads any Publishable by duck typing (title, summary, dates, conditions,
``social_picture``, ``section``) and imports no app.
"""

import functools
import html
import json
import re

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from hypogal.links import absolute_uri
from hypogal.markdown import HEADERLINK

# json.dumps does not escape these; inside <script> they could close the element or start a
# comment, so a title containing "</script>" would break out of the JSON-LD block.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_H2 = re.compile(r'<h2 id="[^"]*">(.*?)</h2>', re.DOTALL)


def json_ld_script(data):
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def _text(fragment):
    return " ".join(html.unescape(strip_tags(HEADERLINK.sub("", fragment))).split())


# A pure function of the stored body, so remembering it is safe: a changed body is a new key.
# Parsing the text out of a long body on every page view cost more than the rest of this file.
@functools.lru_cache(maxsize=256)
def questions_and_answers(body_html):
    """(question, answer) for each h2 that asks a question, answered by the text under it."""
    parts = _H2.split(body_html)
    pairs = []
    # parts: [before, heading1, section1, heading2, section2, …]
    for heading, section in zip(parts[1::2], parts[2::2], strict=True):
        question, answer = _text(heading), _text(section)
        if question.endswith("?") and answer:
            pairs.append((question, answer))
    return tuple(pairs)


def _absolute(request, url):
    return absolute_uri(request, url) if url else None


def organization(request, site):
    data = {"@type": "Organization", "name": site.site_name, "url": _absolute(request, "/")}
    logo = site.logo
    if logo:
        data["logo"] = {
            "@type": "ImageObject",
            "url": _absolute(request, site.publisher_logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    if site.profile_urls:
        data["sameAs"] = site.profile_urls
    return data


def structured_data(request, post, site):
    url = _absolute(request, post.get_absolute_url())
    section_name, section_url_name = post.section
    article = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title[:110],
        "description": post.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": post.published_at.isoformat() if post.published_at else None,
        "dateModified": post.updated_at.isoformat(),
        "author": {"@type": "Person", "name": site.author_name, "url": _absolute(request, "/")},
        "publisher": organization(request, site),
        "about": [
            {
                "@type": "MedicalCondition",
                "name": condition.name,
                "alternateName": condition.other_names_list,
                "url": _absolute(request, condition.get_absolute_url()),
            }
            for condition in post.conditions.all()
        ],
    }
    picture = post.social_picture
    if picture:
        article["image"] = _absolute(request, picture.src)
    graph = [article]
    faq = questions_and_answers(post.body_html)
    if faq:
        graph.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": question,
                        "acceptedAnswer": {"@type": "Answer", "text": answer},
                    }
                    for question, answer in faq
                ],
            }
        )
    crumbs = [("Home", "/"), (section_name, reverse(section_url_name)), (post.title, None)]
    graph.append(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    **({"item": _absolute(request, link)} if link else {}),
                }
                for position, (name, link) in enumerate(crumbs, start=1)
            ],
        }
    )
    return graph
