"""Run the requested checks on a project and collect one report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .content import check_markdown
from .facts import check_fact_urls, check_facts
from .findings import CHECKS, Finding, Report
from .labels import check_labels
from .layout import load_layout
from .links import check_links, read_text
from .native_review import check_native_review
from .project import Project
from .thirdparty import check_third_party
from .translations import markdown_files, translation_status


def run_checks(
    project: Project, checks: tuple[str, ...] = CHECKS, external: bool = False, today: date | None = None
) -> Report:
    report = Report(checks=tuple(c for c in CHECKS if c in checks))
    if "links" in checks:
        if project.site_dir.is_dir():
            check_links(project, report, external=external)
        else:
            report.note(f"site dir {project.rel(project.site_dir)} does not exist: build the site first", fatal=True)
    if ("translations" in checks or "content" in checks) and not project.docs_dir.is_dir():
        line = project.config_line("docs_dir")
        where = f"{project.rel(project.config_path)}:{line}: " if line else ""
        report.note(f"{where}docs dir {project.rel(project.docs_dir)} does not exist: create it, or fix docs_dir",
                    project.rel(project.config_path), fatal=True, line=line)  # fmt: skip
        return _sorted(report)
    if "translations" in checks:
        report.add(*ignored_i18n_options(project))
        if project.i18n_error:
            config, line = project.rel(project.config_path), _i18n_line(project)
            where = f"{config}:{line}: " if line else ""
            report.note(f"{where}{project.i18n_error}: translations not checked", config, fatal=True, line=line)
        else:
            translation_status(project, report)
            check_labels(project, report)
            check_native_review(project, report)
    if "content" in checks:
        check_content(project, report)
        if project.site_dir.is_dir():
            known = {f.target for f in report.findings if f.kind == "third-party-resource" and f.target}
            check_third_party(project, report, known)
        elif "links" not in checks:
            report.note(f"site dir {project.rel(project.site_dir)} does not exist: what the theme and config load"
                        " from other hosts is not checked (build the site first)")  # fmt: skip
    if "facts" in checks or ("links" in checks and external):
        facts = check_facts(project, Report() if "facts" not in checks else report, today)
        if "links" in checks and external:
            check_fact_urls(project, report, facts)
    return _sorted(report)


def _i18n_line(project: Project) -> int | None:
    if project.i18n_error == "no i18n plugin in the config":
        return None
    for key in ("default_language", "languages"):
        line = project.config_line(key, after="i18n")
        if line:
            return line
    return project.config_line("i18n")


def ignored_i18n_options(project: Project) -> list[Finding]:
    """One warning per option the i18n plugin ignores (a 0.x leftover): where it is and what to do."""
    out = []
    config = project.rel(project.config_path)
    for key in project.i18n_ignored:
        hint = None
        if key == "default_language":
            default = f" (here: {project.default.locale})" if project.default else ""
            hint = (f"Remove the line: in mkdocs-static-i18n 1.x the default language is the `languages` entry with"
                    f" `default: true`{default}.")  # fmt: skip
        message = f"i18n option {key!r} is not a mkdocs-static-i18n 1.x option: the plugin ignores it"
        out.append(Finding("ignored-i18n-option", config, project.config_line(key, after="i18n"), key, None, message,
                           hint=hint))  # fmt: skip
    return out


def check_content(project: Project, report: Report) -> None:
    files = markdown_files(project)
    layout = load_layout(project, files) if project.languages else None
    for rel in files:
        path = Path(project.docs_dir, rel)
        shown = project.rel(path)
        language = layout.language_of(rel) if layout else None
        text = read_text(path, report, shown)
        report.add(*check_markdown(text, shown, language, project.site_host, project.region, project.text_languages))


def _sorted(report: Report) -> Report:
    order = {check: i for i, check in enumerate(CHECKS)}
    report.findings.sort(key=lambda f: (order[f.check], f.file, f.line or 0, f.kind))
    return report
