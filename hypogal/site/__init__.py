"""The composition root's pages: the only code, with urls.py, that knows every app.

Home, the conditions index, search, feeds, sitemaps, robots.txt, and the page sections one app
adds to another's pages (related reading). The core (the rest of hypogal/) imports no app.
"""
