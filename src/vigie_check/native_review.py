"""native-review-outdated: a language's pages changed after a native speaker last read them.

data/i18n/<lang>.yml records `native_review: YYYY-MM-DD` (or `none`: nobody has
read them yet; the translation status page says so and nothing is warned).
"""

from __future__ import annotations

from .facts import parse_date
from .findings import Finding, Report
from .gitlog import load_history
from .project import Project

try:
    import yaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

SHOWN = 5


def native_review(project: Project, locale: str) -> str | None:
    """The date (YYYY-MM-DD) of the last native review of `locale`, or None."""
    folder = project.root / str(project.checker_options.get("labels_dir") or "data/i18n")
    try:
        data = yaml.load((folder / f"{locale}.yml").read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = data.get("native_review") if isinstance(data, dict) else None
    day = parse_date(value)
    return day.isoformat() if day else None


def check_native_review(project: Project, report: Report, history=None) -> None:
    reviewed = {lang.locale: native_review(project, lang.locale) for lang in project.languages}
    if not any(reviewed.values()):
        return
    if history is None:
        history, _ = load_history(project.docs_dir)
    if history is None:
        return  # translation_status already said why
    docs = project.rel(project.docs_dir)
    for locale, day in reviewed.items():
        if not day:
            continue
        changed = sorted(
            (history.commits[indexes[0]].date, path)
            for path, indexes in history.touched.items()
            if path.startswith(f"{locale}/") and history.commits[indexes[0]].date > day
        )
        if not changed:
            continue
        pages = ", ".join(path.split("/", 1)[1] for _, path in changed[:SHOWN])
        more = f" and {len(changed) - SHOWN} more" if len(changed) > SHOWN else ""
        report.add(
            Finding(
                "native-review-outdated",
                f"{docs}/{changed[-1][1]}",
                None,
                None,
                locale,
                f"{len(changed)} page(s) changed after the native review of {day}: {pages}{more}",
            )
        )
