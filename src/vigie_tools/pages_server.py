"""A local static server that answers like GitHub Pages.

Directories serve their index.html; a missing path gets the ROOT 404.html with
status 404 (static hosts do not know about per-language 404 pages). If the site
has a `_headers` file (Netlify/Cloudflare format), its headers are sent too.
"""

from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def read_headers_file(path: Path) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """Parse `_headers`: a path pattern (with * splats) followed by indented `Name: value` lines."""
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    if not path.exists():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = "^" + ".*".join(re.escape(part) for part in line.strip().split("*")) + "$"
            rules.append((re.compile(pattern), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class PagesHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
        ".vcf": "text/vcard",
        ".svg": "image/svg+xml",
    }

    header_rules: list = []

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for pattern, headers in self.header_rules:
            if pattern.match(path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class PagesServer:
    """`with PagesServer(site_dir) as url:` serves site_dir on 127.0.0.1."""

    def __init__(self, root: Path, port: int = 0):
        rules = read_headers_file(Path(root) / "_headers")
        handler_class = type("SiteHandler", (PagesHandler,), {"header_rules": rules})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
