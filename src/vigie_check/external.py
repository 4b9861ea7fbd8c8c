"""external-link (with --external): external URLs that do not answer.

Bounded concurrency (a thread pool), a timeout per request, HEAD first and
GET when a server refuses HEAD, one retry, and a cache of good answers for a
day in ~/.cache/vigie-check-site so that reruns only ask what failed or is new.
Three answers: "ok", "broken" (the server says the page is not there) and
"unchecked" (401/403/429, 5xx, a timeout, no network: we could not tell).
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
RETRY_DELAY = 2.0
CACHE_TTL = 24 * 3600
# Answers that prove the server is there but will not answer a robot.
UNCHECKED = {401, 403, 429, 999}
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


def _ask(url: str, timeout: float) -> tuple[str, str | None]:
    problem: tuple[str, str | None] = ("broken", None)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return "ok", None
                problem = ("broken", f"HTTP {response.status}")
        except urllib.error.HTTPError as exc:
            state = "unchecked" if exc.code in UNCHECKED or exc.code >= 500 else "broken"
            problem = (state, f"HTTP {exc.code}")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return "unchecked", "timed out"
            return "unchecked", f"could not reach ({reason})"
    return problem


def probe(url: str, timeout: float = TIMEOUT) -> tuple[str, str | None]:
    """("ok", None), ("broken", why) or ("unchecked", why); asks twice before saying no."""
    state, why = _ask(url, timeout)
    if state != "ok":
        time.sleep(RETRY_DELAY)
        state, why = _ask(url, timeout)
    return state, why


def check_external(urls, workers: int = WORKERS, timeout: float = TIMEOUT) -> dict[str, tuple[str, str]]:
    """Probe each URL (http, https or //host); return the ones not ok: {url: (state, why)}."""
    cache_file = _cache_path()
    cache = _load_cache(cache_file)
    todo = [url for url in urls if url.startswith(("http://", "https://", "//")) and url not in cache]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = pool.map(lambda u: probe("https:" + u if u.startswith("//") else u, timeout), todo)
        results = dict(zip(todo, answers, strict=True))
    now = time.time()
    for url, (state, _) in results.items():
        if state == "ok":
            cache[url] = now
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache), "utf-8")
    except OSError:
        pass
    return {url: answer for url, answer in results.items() if answer[0] != "ok"}
