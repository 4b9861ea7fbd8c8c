"""Browser helpers for the tests; the chromium launcher itself lives in vigie_tools.chromium."""

from __future__ import annotations

from vigie_tools.chromium import CHROMIUM, CHROMIUM_ARGS, PHONE, launch

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "PHONE", "launch", "RequestLog"]


class RequestLog:
    """Every request a page makes, with its final status."""

    def __init__(self, page):
        self.entries: list[tuple[str, int | None]] = []
        self.failed: list[str] = []
        page.on("response", lambda r: self.entries.append((r.url, r.status)))
        # A navigation aborts the previous page's pending requests: not a failure.
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and self.failed.append(r.url))

    def urls(self) -> list[str]:
        return [url for url, _ in self.entries] + self.failed

    def with_status(self, status: int) -> list[str]:
        return [url for url, code in self.entries if code == status]
