"""nginx sends the build's zopfli .gz files (gzip_static), which are smaller than on-the-fly gzip."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from site_tools.build.precompress import precompress

pytestmark = pytest.mark.server


def fetch(url: str) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return response.read(), dict(response.headers)


def test_every_compressible_file_has_a_gz_with_the_same_content(headed_site):
    files = [p for p in headed_site.rglob("*") if p.suffix in {".html", ".css", ".js", ".json"} and p.stat().st_size >= 256]
    assert files
    for path in files:
        gz = path.with_name(path.name + ".gz")
        assert gz.exists(), f"{path} has no .gz"
        assert gzip.decompress(gz.read_bytes()) == path.read_bytes(), f"{gz} is stale"


def test_nginx_sends_the_precompressed_file(headed_site, nginx_url):
    body, headers = fetch(nginx_url + "why-counseling-matters/")
    assert headers["Content-Encoding"] == "gzip"
    gz = (headed_site / "why-counseling-matters" / "index.html.gz").read_bytes()
    assert body == gz, "nginx compressed on the fly instead of sending the zopfli file"
    assert len(gz) < len(gzip.compress((headed_site / "why-counseling-matters" / "index.html").read_bytes(), 9))
    assert "Content-Security-Policy" in headers, "the .gz response keeps the security headers"


def test_a_stale_gz_is_replaced_and_the_cache_gives_the_same_bytes(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "index.html"
    page.write_text("<p>" + "calm words " * 100 + "</p>", encoding="utf-8")
    (site / "index.html.gz").write_bytes(gzip.compress(b"old content"))
    (site / "tiny.css").write_text("p{}", encoding="utf-8")
    assert precompress(site, cache) == (1, 0)
    fresh = (site / "index.html.gz").read_bytes()
    assert gzip.decompress(fresh) == page.read_bytes()
    assert not (site / "tiny.css.gz").exists(), "files under gzip_min_length are left alone"
    assert precompress(site, cache) == (1, 1)
    assert (site / "index.html.gz").read_bytes() == fresh
