"""Sections that one app adds to another app's post pages, without the two importing each other.

The composition root (hypogal/site/related.py) registers a function per section;
PublicDetailView calls them all with the post and merges what they return into the page's context.
"""

_sections = []


def section(function):
    _sections.append(function)
    return function


def context_for(post):
    context = {}
    for function in _sections:
        context.update(function(post))
    return context
