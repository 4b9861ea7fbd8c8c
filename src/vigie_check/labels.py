"""missing-label: per-language labels that a language lacks.

With a labels folder (default data/i18n next to the config, or
extra.checker.labels_dir), every key of the default language's file (or
en.yml) must be set in each language's file, and every helpline of
data/helplines.yml needs a name and a `when` line. Without it, the generic
static-i18n places are checked: site_name per language, nav_translations.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .findings import Finding, Report
from .project import Project

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

_NULL = "tag:yaml.org,2002:null"


def flatten(node: yaml.Node | None, prefix: str = "") -> dict[str, tuple[bool, int]]:
    """Dotted key -> (has a value, line) for every leaf of a YAML document."""
    out: dict[str, tuple[bool, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out.update(flatten(value, f"{prefix}{key.value}."))
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            out.update(flatten(value, f"{prefix}{index}."))
    elif node is not None:
        filled = node.tag != _NULL and bool(str(node.value).strip())
        out[prefix.rstrip(".")] = (filled, node.start_mark.line + 1)
    return out


def compose(path: Path) -> tuple[yaml.Node | None, str | None, int | None]:
    try:
        with open(path, "rb") as stream:
            return yaml.compose(stream, Loader=_Loader), None, None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, " ".join(str(exc.problem or exc).split()), mark.line + 1 if mark else None
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        return None, " ".join(str(exc).split()), None


def check_labels(project: Project, report: Report) -> None:
    options = project.checker_options
    folder = project.root / str(options.get("labels_dir") or "data/i18n")
    if folder.is_dir() and project.default:
        _check_label_files(project, report, folder)
    else:
        _check_site_names(project, report)
    _check_nav(project, report)


def _required_helplines(project: Project) -> list[str]:
    path = project.root / str(project.checker_options.get("helplines") or "data/helplines.yml")
    node, _, _ = compose(path) if path.is_file() else (None, None, None)
    data = _Loader("").construct_document(node) if node is not None else None
    entries = data.get("helplines") if isinstance(data, dict) else None
    ids = [e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)]
    return [f"helplines.{i}.{field}" for i in ids for field in ("name", "when")]


def _check_label_files(project: Project, report: Report, folder: Path) -> None:
    pivot_lang = project.default.locale
    pivot = folder / f"{pivot_lang}.yml"
    if not pivot.is_file() and (folder / "en.yml").is_file():
        pivot_lang, pivot = "en", folder / "en.yml"
    files = {pivot_lang: pivot} | {lang.locale: folder / f"{lang.locale}.yml" for lang in project.languages}
    pivot_keys: dict[str, tuple[bool, int]] = {}
    helplines = _required_helplines(project)
    for locale, path in files.items():
        shown = project.rel(path)
        if not path.is_file():
            count = len(pivot_keys) or len(helplines)
            report.add(
                Finding("missing-label", shown, None, shown, locale, f"no labels file for {locale} ({count} labels)")
            )
            continue
        node, error, line = compose(path)
        if error:
            report.add(Finding("missing-label", shown, line, shown, locale, f"cannot read the labels: {error}"))
            continue
        keys = flatten(node)
        if locale == pivot_lang:
            pivot_keys = keys
            required = list(keys) + [key for key in helplines if key not in keys]
        else:
            required = list(pivot_keys) + [key for key in helplines if key not in pivot_keys]
        for key in required:
            filled, line = keys.get(key, (False, None))
            if not filled:
                state = "is empty" if key in keys else "is missing"
                report.add(Finding("missing-label", shown, line, key, locale, f"label {key} {state} in {locale}"))


def _config_line(project: Project, needle: str) -> int | None:
    try:
        text = project.config_path.read_text("utf-8", "replace")
    except OSError:
        return None
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def _check_site_names(project: Project, report: Report) -> None:
    shown = project.rel(project.config_path)
    for lang in project.languages[1:]:
        if not lang.options.get("site_name"):
            line = _config_line(project, f"locale: {lang.locale}")
            report.add(Finding("missing-label", shown, line, "site_name", lang.locale, f"no site_name for {lang.name}"))


def nav_titles(nav) -> list[str]:
    titles: list[str] = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(str(title))
                if isinstance(value, list):
                    titles.extend(nav_titles(value))
    return titles


def _check_nav(project: Project, report: Report) -> None:
    titles = list(dict.fromkeys(nav_titles(project.nav)))
    if not titles:
        return
    shown = project.rel(project.config_path)
    for lang in project.languages[1:]:
        if lang.options.get("nav"):
            continue  # the language has a nav of its own
        done = lang.options.get("nav_translations") or {}
        line = _config_line(project, f"locale: {lang.locale}")
        for title in titles:
            if not (isinstance(done, dict) and done.get(title)):
                report.add(
                    Finding(
                        "missing-label",
                        shown,
                        line,
                        title,
                        lang.locale,
                        f"nav title {title!r} has no {lang.name} translation",
                    )
                )
