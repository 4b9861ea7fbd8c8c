"""The built site as a set of paths, and how a URL resolves against it."""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_STRIP = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
IGNORED_SCHEMES = {"mailto", "javascript", "data", "blob", "about", "ftp", "irc", "news", "geo", "matrix", "signal"}


def nfc(path: str) -> str:
    return unicodedata.normalize("NFC", path)


class SiteFiles:
    """Every file under the site dir, as NFC posix paths relative to it."""

    def __init__(self, site_dir: str | os.PathLike):
        self.root = os.fspath(site_dir)
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        self._walk(self.root, "")

    def _walk(self, path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                rel = nfc(prefix + entry.name)
                if entry.is_dir(follow_symlinks=False):
                    self.dirs.add(rel)
                    self._walk(entry.path, rel + "/")
                else:
                    self.files.add(rel)

    def lookup(self, path: str) -> str | None:
        """The file a server returns for a site path ('' is the root), or None."""
        if path in self.files:
            return path
        if path == "" or path.endswith("/"):
            index = path + "index.html"
            return index if index in self.files else None
        if path in self.dirs and path + "/index.html" in self.files:
            return path + "/index.html"
        return None


@dataclass(frozen=True)
class Target:
    """Where a URL points: `kind` is internal, external, tel, ignore or invalid."""

    kind: str
    path: str = ""  # site path for internal links; the URL or number otherwise
    fragment: str | None = None
    reason: str = ""


def _clean(url: str) -> str:
    if "\t" in url or "\n" in url or "\r" in url:
        url = _STRIP.sub("", url)
    return url.strip(" \f\x00\x0b")


def resolve(url: str, page: str, site_host: str, site_path: str) -> Target:
    """Resolve `url` found in `page` (a site path such as 'fr/about/index.html') as a browser does.

    The page's URL is site_path + page; `..` stops at the host's root, `\\` is `/`,
    `%2e` is a dot, and the path is percent-decoded only to find the file.
    Root-absolute paths and absolute URLs on the site's own host are internal
    when they are under the site's base path (site_url's path). `page` may also
    be an absolute URL, when a <base href> points to another host.
    """
    fast = _simple_relative(url, page, site_path) if url else None
    if fast is not None:
        return fast
    url = _clean(url)
    if not url:
        return Target("ignore")
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme in ("tel", "sms"):
        return Target("tel", url)
    if scheme and scheme not in ("http", "https"):
        return Target("ignore")
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    url = url[:cut].replace("\\", "/") + url[cut:]  # browsers read \ as / in http(s) URLs
    if _SCHEME.match(page) and not scheme and not url.startswith("//"):
        return resolve(urljoin(page, url), "index.html", site_host, site_path)  # <base href> on another host
    try:
        parts = urlsplit(url)
    except ValueError:
        return Target("invalid", url, reason="malformed URL")
    fragment = parts.fragment if "#" in url else None
    if scheme or url.startswith("//"):
        if not site_host or parts.netloc.lower() != site_host:
            return Target("external", url.split("#", 1)[0])
        path = parts.path or "/"
    elif url.startswith("/"):
        path = parts.path
    elif not parts.path:  # '#frag' or '?query': this page
        return Target("internal", page, fragment)
    else:
        path = site_path + (page.rpartition("/")[0] + "/" if "/" in page else "") + parts.path
    path = remove_dot_segments(path)
    if not (path + "/").startswith(site_path) and path != site_path.rstrip("/"):
        return Target("invalid", path, reason=f"is outside the site's base path {site_path}")
    path = path[len(site_path) :]
    return Target("internal", nfc(unquote(path, errors="replace")), fragment)


# Most links of a built site: a plain relative or root path, maybe with a #fragment. No scheme, query,
# percent sign, backslash or empty segment, so the general rules reduce to joining and removing dots.
_SIMPLE = re.compile(r"[A-Za-z0-9_\-./~]*")


def _simple_relative(url: str, page: str, site_path: str) -> Target | None:
    """`resolve` for a plain relative URL, several times faster; None when the URL needs the general rules."""
    path, hashed, fragment = url.partition("#")
    if not _SIMPLE.fullmatch(path) or "//" in path or _SCHEME.match(page):
        return None
    if not path:
        return Target("internal", page, fragment if hashed else None)
    if path[0] != "/":
        path = site_path + (page.rpartition("/")[0] + "/" if "/" in page else "") + path
    if "/." in path:  # posixpath.normpath stops .. at the root, like a browser; it drops the final slash
        trailing = path.endswith(("/", "/.", "/.."))
        path = posixpath.normpath(path)
        path += "/" if trailing and not path.endswith("/") else ""
    if not (path + "/").startswith(site_path) and path != site_path.rstrip("/"):
        return Target("invalid", path, reason=f"is outside the site's base path {site_path}")
    return Target("internal", path[len(site_path) :], fragment if hashed else None)


_DOT = {".", "%2e"}
_DOTDOT = {"..", ".%2e", "%2e.", "%2e%2e"}


def remove_dot_segments(path: str) -> str:
    """A URL path without . and .. segments, .. stopping at the root (URL standard)."""
    out: list[str] = []
    segments = path.split("/")[1:] if path.startswith("/") else path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        lowered = segment.lower()
        if lowered in _DOTDOT:
            if out:
                out.pop()
            if last:
                out.append("")
        elif lowered in _DOT:
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)
