"""The benchmark's page weight counts the bytes nginx really sends: gzip as deploy/nginx.conf configures it."""

from __future__ import annotations

import gzip

import pytest

from site_tools.bench.page_weight import measure_page

pytestmark = [pytest.mark.server, pytest.mark.browser]


def test_first_view_counts_gzip_bytes_as_sent_not_file_sizes(headed_site, nginx_url, browser):
    weight = measure_page(browser, nginx_url, "")
    html_file = (headed_site / "index.html").read_bytes()
    assert weight.third_party == 0
    assert 0 < weight.by_type["document"] < len(html_file) * 0.6, "the HTML crossed the network gzipped"
    assert abs(weight.by_type["document"] - len(gzip.compress(html_file, 6))) < 400
    css = sum(p.stat().st_size for p in headed_site.glob("assets/stylesheets/*.css"))
    assert weight.by_type["stylesheet"] < css * 0.5
    assert "script" in weight.by_type, "the theme's bundle and the search worker count too"
    assert 0 < weight.brotli < weight.bytes
