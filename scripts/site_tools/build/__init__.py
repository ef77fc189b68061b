"""The build: check the Markdown sources, run the engine (MkDocs or Zensical) into a staging folder, run the ordered post-build steps
on it, check it, and publish it to site/ only when everything passed (run.py holds the order).

Each step is one module with run(site) -> StepResult (site_tools.findings), and main(argv) to run it alone.
Steps may import the shared modules of site_tools and site_tools.checks; nothing outside build/ imports a
step, except tests and bench/.
"""
