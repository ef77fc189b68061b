"""Write the QR code images that the built pages ask for, as small SVG files.

Every <img data-qr="URL" src="..."> in a built page gets an SVG at its src that encodes URL
(the page's canonical address: site_url + path). Made with segno, offline. A code depends only on
its address, so each SVG is cached in .cache/qr_codes/ under the address's hash: an unchanged
rebuild copies files and never loads segno.
Usage: python -m site_tools.build.qr_codes [SITE_DIR] [--json]     (default: site)
"""

from __future__ import annotations

import hashlib
import posixpath
import shutil
import sys
from pathlib import Path

from site_tools.findings import Finding, StepResult, built_site, step_main
from site_tools.readable_text import parse
from site_tools.project import ROOT

CACHE = ROOT / ".cache" / "qr_codes"


CHECK = "qr-codes"


def wanted_codes(site: Path) -> tuple[dict[Path, str], list[Finding]]:
    """Map each QR image file the pages link to onto the address it must encode, and list conflicts."""
    codes: dict[Path, str] = {}
    problems: list[Finding] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for img in parse(page.read_bytes()).iter("img"):
            url = img.get("data-qr")
            if url is None:
                continue
            src = img.get("src", "")
            if not url or not src or "://" in src or src.startswith("/"):
                problems.append(Finding(rel, img.sourceline, "a QR image needs a relative src and a data-qr address",
                                        "see overrides/partials/handout.html", CHECK))
                continue
            target = (site / posixpath.dirname(rel) / src).resolve()
            if site.resolve() not in target.parents:
                problems.append(Finding(rel, img.sourceline, f"QR image {src} points outside the site",
                                        "use the qr_src macro in overrides/partials/handout.html", CHECK))
            elif codes.setdefault(target, url) != url:
                problems.append(Finding(rel, img.sourceline, f"QR image {src} is asked to encode both {codes[target]} and {url}",
                                        "give each page its own file", CHECK))
    return codes, problems


def write_svg(path: Path, url: str) -> None:
    import segno  # only on a cache miss: loading it costs more than copying every cached code

    path.parent.mkdir(parents=True, exist_ok=True)
    qr = segno.make(url, error="m", micro=False)
    # scale 1 with a viewBox: the smallest file, drawn at any size by CSS.
    qr.save(str(path), kind="svg", scale=1, border=4, xmldecl=False, svgns=True, svgclass=None,
            lineclass=None, omitsize=True, title=url)


def write_cached_svg(path: Path, url: str, cache: Path = CACHE) -> None:
    """write_svg through the cache. The key covers segno's options too: they live in this file."""
    options = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    cached = cache / f"{hashlib.sha256(url.encode()).hexdigest()}-{options}.svg"
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        write_svg(tmp, url)
        tmp.replace(cached)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, path)


def run(site: Path) -> StepResult:
    """Write every code the pages ask for; write none when any is asked for wrongly."""
    codes, problems = wanted_codes(built_site(site))
    if problems:
        return StepResult(problems, "no QR codes written")
    for path, url in codes.items():
        write_cached_svg(path, url)
    return StepResult([], f"wrote {len(codes)} QR code(s) as SVG")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv)


if __name__ == "__main__":
    sys.exit(main())
