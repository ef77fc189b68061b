"""The checks: one module per rule the sources and the built site must meet. run.py runs them all and
prints every problem at once; notices.py is the rule that every page carries the required notices.

A check reads files and returns a list of Finding (site_tools.findings); it never changes a file.
Checks may import the shared modules of site_tools, never build/, authoring/, serving/ or bench/.
"""
