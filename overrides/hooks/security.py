"""Security and privacy headers for static hosting, computed from the built site.

Runs after every other hook (priority -300), so the hashes match the final HTML:
- each page gets a <meta> Content-Security-Policy with the SHA-256 hashes of its
  own inline scripts, and a no-referrer policy (GitHub Pages sends no headers);
- `_headers` (Netlify, Cloudflare Pages) carries the full policy, with the hashes
  of every inline script in the site, frame-ancestors, Permissions-Policy and
  cache rules: fingerprinted files are immutable, HTML and the service worker
  are revalidated.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from selectolax.lexbor import LexborHTMLParser

# Everything comes from the site itself. Styles stay 'unsafe-inline': the theme
# sets inline style attributes and <style> for icons; scripts never do.
BASE_POLICY = [
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
]
HEADER_ONLY = ["frame-ancestors 'none'"]  # ignored in <meta>, so only in _headers
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")
SCRIPT_TYPES = {None, "", "text/javascript", "module", "application/javascript"}
CHARSET = '<meta charset="utf-8">'


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts a browser would execute."""
    hashes = []
    for node in LexborHTMLParser(html).css("script"):
        if "src" in node.attributes or node.attributes.get("type") not in SCRIPT_TYPES:
            continue
        digest = hashlib.sha256((node.text(deep=True) or "").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(hashes: list[str], header: bool = False) -> str:
    parts = [p.format(hashes=" ".join(hashes)).strip() for p in BASE_POLICY]
    return "; ".join(parts + (HEADER_ONLY if header else []))


def add_meta(html: str) -> str:
    if 'http-equiv="Content-Security-Policy"' in html or CHARSET not in html:
        return html
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return html.replace(CHARSET, CHARSET + meta, 1)


def headers_file(site: Path, all_hashes: list[str], html_paths: list[str]) -> str:
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy(all_hashes, header=True)}",
        "  Referrer-Policy: no-referrer",
        "  X-Content-Type-Options: nosniff",
        f"  Permissions-Policy: {PERMISSIONS}",
        "  X-Frame-Options: DENY",
        "  Cross-Origin-Opener-Policy: same-origin",
        "",
    ]
    # One Cache-Control per path, never two rules for the same file.
    for path in sorted(p for p in site.rglob("*") if p.is_file() and FINGERPRINTED.search(p.name)):
        lines += [f"/{path.relative_to(site).as_posix()}", "  Cache-Control: public, max-age=31536000, immutable", ""]
    for url in sorted(set(html_paths) | {"/sw.js", "/manifest.webmanifest"}):
        lines += [url, "  Cache-Control: no-cache", ""]
    return "\n".join(lines)


@event_priority(-300)
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return  # the outermost call sees every language
    site = Path(config.site_dir)
    all_hashes: set[str] = set()
    html_paths = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        updated = add_meta(html)
        if updated is not html:
            path.write_text(updated, encoding="utf-8")
        all_hashes.update(inline_script_hashes(updated))
        rel = path.relative_to(site).as_posix()
        html_paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    (site / "_headers").write_text(headers_file(site, sorted(all_hashes), html_paths), encoding="utf-8")
