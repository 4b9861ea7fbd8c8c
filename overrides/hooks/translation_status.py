"""Render `<!-- translation-status -->`: the translation status table, at build time.

The numbers come from the site checker (vigie_check.translations), so
the page and `make check` always agree. Labels are read from
data/i18n/<lang>.yml under `translation_status.*` when present (English otherwise).
Each language also shows when a native speaker last read its pages
(`native_review` in data/i18n/<lang>.yml). With VIGIE_REPO_URL, each outdated
page links to what changed in English and to the repository's editor.
"""

from __future__ import annotations

import re

import yaml

from vigie_check.native_review import native_review
from vigie_check.project import load_project
from vigie_check.translations import translation_status

SHORTCODE = re.compile(r"<!--\s*translation-status\s*-->")
LABELS = {
    "language": "Language",
    "pages": "Pages",
    "done": "Translated",
    "missing": "Missing",
    "outdated": "Outdated",
    "percent": "Up to date",
    "to_translate": "To translate",
    "to_update": "To update",
    "complete": "Every page is translated and up to date.",
    "no_history": "Outdated pages are not known: the build has no git history.",
    "native_review": "Read by a native speaker",
    "not_reviewed": "not yet",
    "what_changed": "what changed in English",
    "edit": "edit this translation",
}
_cache: dict = {}


def on_pre_build(config) -> None:
    """Compute the table once per site build, not once per language build."""
    plugin = config.plugins.get("i18n")
    if plugin is None or not plugin.building:
        _cache.clear()


def _labels(project, locale: str) -> dict[str, str]:
    labels = dict(LABELS)
    path = project.root / str(project.checker_options.get("labels_dir") or "data/i18n") / f"{locale}.yml"
    try:  # libyaml: this runs once per language build; the checker reports broken files, not the page
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    extra = data.get("translation_status") if isinstance(data, dict) else None
    if isinstance(extra, dict):
        labels.update({k: str(v) for k, v in extra.items() if k in LABELS and v})
    return labels


def render(config_file: str, locale: str | None) -> str:
    if "statuses" not in _cache:
        project = load_project(config_file)
        _cache["project"] = project
        _cache["statuses"] = translation_status(project)
        from vigie_check.gitlog import load_history

        _cache["history"] = load_history(project.docs_dir)[0] is not None
    project, statuses = _cache["project"], _cache["statuses"]
    if not statuses:
        return ""
    t = _labels(project, locale or statuses[0].locale)
    # A focusable, labelled scroll box: the table is wider than a phone (axe: scrollable-region-focusable).
    lines = [
        f'<div class="vigie-scroll" tabindex="0" role="region" aria-label="{t["percent"]}" markdown>',
        "",
        f"| {t['language']} | {t['pages']} | {t['done']} | {t['missing']} | {t['outdated']} | {t['percent']} "
        f"| {t['native_review']} |",
        "|---|--:|--:|--:|--:|--:|---|",
    ]
    for s in statuses:
        review = native_review(project, s.locale) or t["not_reviewed"]
        lines.append(
            f"| {s.name} | {s.pages} | {s.done} | {len(s.missing)} | {len(s.outdated)} | {s.percent}% | {review} |"
        )
    lines += ["", "</div>", ""]
    todo = [s for s in statuses[1:] if s.missing or s.outdated]
    for s in todo:
        parts = []
        if s.missing:
            parts.append(f"{t['to_translate']}: " + ", ".join(f"`{p}`" for p in s.missing))
        if s.outdated:
            parts.append(
                f"{t['to_update']}: " + ", ".join(_outdated(p, c, s.links.get(p), t) for p, c in s.outdated.items())
            )
        lines.append(f"- **{s.name}**: " + "; ".join(parts))
    if not todo:
        lines.append(t["complete"])
    if not _cache["history"]:
        lines += ["", f"*{t['no_history']}*"]
    return "\n".join(lines) + "\n"


def _outdated(page: str, commits: list, links: tuple[str, str] | None, t: dict) -> str:
    text = f"`{page}` ({len(commits)})"
    if links:
        text += f" ([{t['what_changed']}]({links[0]}), [{t['edit']}]({links[1]}))"
    return text


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not SHORTCODE.search(markdown):
        return markdown
    plugin = config.plugins.get("i18n") if hasattr(config, "plugins") else None
    locale = getattr(plugin, "current_language", None) or config.theme.get("language")
    table = render(config.config_file_path, locale)
    return SHORTCODE.sub(lambda _: table, markdown)
