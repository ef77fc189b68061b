"""The site's own tools: build it, check it, help authors, serve it locally, and benchmark it.

    build/      the engine run (MkDocs or Zensical), the ordered post-build steps, publishing
    checks/     one module per rule the built site must meet (notices.py: the required notices)
    authoring/  the new-page command, the lint, the readability report
    serving/    the local static server, nginx, and Chromium for tests
    bench/      benchmarks against stock Material
    markdown/   Markdown extensions named in mkdocs.yml (imports only Markdown and ada-url)

Shared by all of them: project.py (where the project is, mkdocs.yml, the notice texts), findings.py
(one problem, one printer), crashes.py (a crash as one line), pages.py (a page's source, built file and
URL), sources.py (the Markdown files), built_pages.py and readable_text.py (a built page, parsed),
redirect_stubs.py.
Run a part with `python -m site_tools.build`, `python -m site_tools.checks`, and so on.
"""
