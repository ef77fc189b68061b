"""Write a .gz beside every text file of the built site, compressed with zopfli, for nginx's gzip_static.

zopfli makes gzip files about 4% smaller than gzip -9, readable by every browser. It is slow, so each
result is cached in .cache/precompress/ under the hash of the file's bytes: an unchanged file costs a copy.
Usage: python -m site_tools.build.precompress SITE_DIR [--cache DIR] [--json]
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import zopfli.gzip

from site_tools.findings import StepResult, built_site, step_main
from site_tools.project import ROOT

CACHE = ROOT / ".cache" / "precompress"
# The types deploy/nginx.conf compresses (gzip_types), and its gzip_min_length.
SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
MIN_BYTES = 256


def precompress(site: Path, cache: Path = CACHE) -> tuple[int, int]:
    """Write FILE.gz for every compressible file; returns (files written, of them from the cache)."""
    cache.mkdir(parents=True, exist_ok=True)
    written = cached = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        key = cache / (hashlib.sha256(data).hexdigest() + ".gz")
        if key.exists():
            cached += 1
        else:
            tmp = key.with_suffix(".tmp")
            tmp.write_bytes(zopfli.gzip.compress(data))
            tmp.replace(key)
        shutil.copyfile(key, path.with_name(path.name + ".gz"))
        written += 1
    return written, cached


def run(site: Path, cache: Path = CACHE) -> StepResult:
    written, cached = precompress(built_site(site), cache)
    return StepResult([], f"{written} file(s) precompressed with zopfli for gzip_static ({cached} from the cache)")


def main(argv: list[str] | None = None) -> int:
    return step_main(__doc__, run, argv, lambda parser: parser.add_argument(
        "--cache", type=Path, default=CACHE, help="where compressed results are kept"))


if __name__ == "__main__":
    sys.exit(main())
