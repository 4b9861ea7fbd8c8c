"""Debian's chromium through playwright: never a downloaded browser."""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("VIGIE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags chromium phones home at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


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
