"""Serving the built site on this machine: a plain static server, a real nginx with the deploy config,
and Debian's Chromium for the browser tests and Lighthouse. Used by tests and bench/, never by the build.

They may import the shared modules of site_tools and site_tools.build.security_headers (nginx's headers).
"""
