"""Serve a built site with Debian's nginx and the project's own deploy/nginx.conf.

In Python:  with serve(site_dir) as base_url: ...   (127.0.0.1, a free port, stopped at the end)
Command:    python scripts/site_tools/serving/nginx.py render SITE_DIR --root /var/www/site --listen 80 --out DIR
            writes DIR/site.conf (include it in nginx's http block) and the two files it includes.
            python scripts/site_tools/serving/nginx.py serve SITE_DIR   serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from site_tools.build.security_headers import nginx_forms
from site_tools.project import CHECKOUT

TEMPLATE = CHECKOUT / "deploy" / "nginx.conf"
NGINX = Path(os.environ.get("NGINX", "/usr/sbin/nginx"))
MIME_TYPES = Path("/etc/nginx/mime.types")
INSTALL_HINT = "install it with 'make system-deps' (apt-get install nginx)"

# The main configuration around deploy/nginx.conf, for an unprivileged nginx in a temporary prefix.
MAIN_CONF = """\
{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/conf/site.conf;
}}
"""


def nginx_path() -> Path | None:
    """Debian's nginx, or None when it is not installed."""
    if NGINX.exists():
        return NGINX
    found = shutil.which("nginx")
    return Path(found) if found else None


def render(site: Path, conf_dir: Path, listen: str, root: Path) -> Path:
    """Write conf_dir/site.conf from deploy/nginx.conf plus the headers files it includes."""
    conf_dir.mkdir(parents=True, exist_ok=True)
    headers_conf, cache_map = nginx_forms(site)
    (conf_dir / "security-headers.conf").write_text(headers_conf, encoding="utf-8")
    (conf_dir / "cache-control.map").write_text(cache_map, encoding="utf-8")
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {"@LISTEN@": listen, "@ROOT@": str(root), "@CONF_DIR@": str(conf_dir)}.items():
        assert key in text, f"{TEMPLATE} lost its {key} placeholder"
        text = text.replace(key, value)
    site_conf = conf_dir / "site.conf"
    site_conf.write_text(text, encoding="utf-8")
    return site_conf


def _user() -> str:
    """Started as root, nginx's workers would switch to 'nobody', who cannot read a private temp folder."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        return f"user {pwd.getpwuid(os.geteuid()).pw_name};\n"
    return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(port: int, process: subprocess.Popen, log: Path, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
        time.sleep(0.02)
    raise RuntimeError(f"nginx did not answer on port {port} within {timeout}s:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def serve(site_dir: Path, root: Path | None = None) -> Iterator[str]:
    """Serve site_dir with the project's nginx configuration; yields the base URL, ending in '/'.
    root: the folder served at '/' when it is not site_dir itself, such as a folder holding the site as repo/
    (a deploy under a sub-path); the headers still come from site_dir/_headers."""
    nginx = nginx_path()
    if nginx is None:
        raise RuntimeError(f"nginx not found at {NGINX} — {INSTALL_HINT}")
    site_dir = Path(site_dir).resolve()
    root = Path(root).resolve() if root else site_dir
    with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
        prefix = Path(tmp)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / "tmp" / sub).mkdir(parents=True)
        main_conf = prefix / "nginx.conf"
        log = prefix / "error.log"
        for _attempt in range(5):  # another process may take the free port before nginx binds it
            port = _free_port()
            render(site_dir, prefix / "conf", f"127.0.0.1:{port}", root)
            main_conf.write_text(MAIN_CONF.format(prefix=prefix, mime_types=MIME_TYPES, user=_user()), encoding="utf-8")
            process = subprocess.Popen(
                [str(nginx), "-p", str(prefix), "-c", str(main_conf), "-e", str(log), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            if _wait_ready(port, process, log):
                break
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            if "Address already in use" not in stderr + log.read_text(errors="replace"):
                raise RuntimeError(f"nginx did not start:\n{stderr}{log.read_text(errors='replace')}")
        else:
            raise RuntimeError("nginx could not bind a free port after 5 attempts")
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rend = sub.add_parser("render", help="write an nginx site configuration for self-hosting")
    rend.add_argument("site", type=Path, help="the built site folder (its _headers file is read)")
    rend.add_argument("--root", type=Path, required=True, help="where the site's files live on the server")
    rend.add_argument("--listen", default="80", help="nginx listen value, e.g. 80 or '443 ssl'")
    rend.add_argument("--out", type=Path, required=True, help="folder for site.conf and its includes")
    srv = sub.add_parser("serve", help="serve a built folder with nginx on 127.0.0.1 until Ctrl-C")
    srv.add_argument("site", type=Path, nargs="?", default=Path("site"))
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"❌ {args.site}: no built site here — run 'make build' first", file=sys.stderr)
        return 2
    if args.command == "render":
        site_conf = render(args.site, args.out.resolve(), args.listen, args.root)
        print(f"✅ wrote {site_conf}: add 'include {site_conf};' to the http block of nginx.conf")
        return 0
    try:
        with serve(args.site) as url:
            print(f"✅ serving {args.site} with nginx at {url} — Ctrl-C stops it", flush=True)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    except RuntimeError as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
