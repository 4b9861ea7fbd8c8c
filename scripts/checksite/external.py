"""external-link (with --external): external URLs that do not answer.

Bounded concurrency (a thread pool), a timeout per request, HEAD first and
GET when a server refuses HEAD, and a cache of good answers for a day in
~/.cache/vigie-check-site so that reruns only ask what failed or is new.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WORKERS = 16
TIMEOUT = 10.0
CACHE_TTL = 24 * 3600
# Answers that prove the server is there, even if it will not serve a robot.
ALIVE = {401, 403, 429, 999}
USER_AGENT = "Mozilla/5.0 (compatible; vigie-check-site)"


def _cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "vigie-check-site", "external.json")


def _load_cache(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    now = time.time()
    return {url: when for url, when in data.items() if isinstance(when, (int, float)) and now - when < CACHE_TTL}


def probe(url: str, timeout: float = TIMEOUT) -> str | None:
    """None if the URL answers, else why not."""
    problem = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return None
                problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            if exc.code in ALIVE:
                return None
            problem = f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return f"no answer ({reason})"
    return problem


def check_external(urls, workers: int = WORKERS, timeout: float = TIMEOUT) -> dict[str, str]:
    """Probe each URL (http, https or //host); return the failing ones and why."""
    cache_file = _cache_path()
    cache = _load_cache(cache_file)
    todo = [url for url in urls if url.startswith(("http://", "https://", "//")) and url not in cache]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = pool.map(lambda u: probe("https:" + u if u.startswith("//") else u, timeout), todo)
        results = dict(zip(todo, answers, strict=True))
    now = time.time()
    for url, problem in results.items():
        if problem is None:
            cache[url] = now
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache), "utf-8")
    except OSError:
        pass
    return {url: problem for url, problem in results.items() if problem}
