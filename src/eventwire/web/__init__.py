"""The dashboard: one static page (templates/index.html) and its own scripts and styles (static/).

Everything is served by the API server from this package: no CDN, no inline script, so the
Content-Security-Policy can forbid both.
"""
