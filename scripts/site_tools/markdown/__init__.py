"""Markdown extensions named in mkdocs.yml by their dotted path, such as site_tools.markdown.affiliate_links.

They import only Markdown and ada-url (a WHATWG URL parser, in both requirements files), so both engines
(MkDocs and Zensical) can load them from their own venv.
"""
