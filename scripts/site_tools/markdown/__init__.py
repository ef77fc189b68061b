"""Markdown extensions named in mkdocs.yml by their dotted path, such as site_tools.markdown.affiliate_links.

They import only Markdown itself, so both engines (MkDocs and Zensical) can load them from their own venv.
"""
