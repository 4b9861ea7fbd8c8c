"""Which docs/ file is which language, and where it is built, as static-i18n decides.

The plugin's own `create_i18n_file` (folder or suffix structure) gives every
Markdown file its locale, its language-free path (`norm_src_uri`) and the site
path it is built to for each language; the checker never re-implements those
rules. Both folder layouts work: the default language in docs/<default>/ or
at the docs/ root. Where the files say two things at once (docs/a.md and
docs/en/a.md), `problems` says so and the CLI exits 2 instead of guessing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from .project import Project


@dataclass(frozen=True)
class Source:
    src: str  # relative to docs_dir, posix
    locale: str  # "" without the i18n plugin
    localized: bool  # in a language folder, or with a language suffix
    norm: str  # the same page in every language: the path without the language


@dataclass
class Layout:
    structure: str
    default: str
    built: list[str]  # built locales, default first
    fallback: bool
    sources: list[Source] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the checker cannot tell: exit 2
    notes: list[str] = field(default_factory=list)
    _dest: dict[str, str] | None = None
    _locales: dict[str, str] | None = None
    _project: Project | None = None

    def pages(self, locale: str) -> dict[str, str]:
        """norm -> source for the pages written in `locale`."""
        return {s.norm: s.src for s in self.sources if s.locale == locale}

    def language_of(self, src: str) -> str | None:
        if self._locales is None:
            self._locales = {s.src: s.locale for s in self.sources}
        return self._locales.get(src) or None

    def expected(self, locale: str, norm: str) -> str:
        """Where the page `norm` in `locale` is (or would be), relative to docs_dir."""
        if locale == self.default and not self._default_localized():
            return norm
        if self.structure == "folder":
            return f"{locale}/{norm}"
        stem, dot, ext = norm.rpartition(".")
        return f"{stem}.{locale}.{ext}" if dot else f"{norm}.{locale}"

    def _default_localized(self) -> bool:
        """Whether the default pages are in docs/<default>/ (or suffixed), not at the root."""
        mine = [s.localized for s in self.sources if s.locale == self.default]
        return bool(mine) and sum(mine) * 2 >= len(mine)

    def source_of_page(self, page: str) -> str | None:
        """The docs/ file a built page (site path like 'fr/about/index.html') comes from."""
        if self._dest is None:
            self._dest = _destinations(self._project, self)
        return self._dest.get(page)


def _plugin(structure: str):
    if structure == "suffix":
        from mkdocs_static_i18n import suffix as module
    else:
        from mkdocs_static_i18n import folder as module
    return module.create_i18n_file


def _file(project: Project, src: str):
    from mkdocs.structure.files import File

    return File(src, str(project.docs_dir), str(project.site_dir), project.use_directory_urls)


def _config(project: Project) -> SimpleNamespace:
    return SimpleNamespace(
        docs_dir=str(project.docs_dir), site_dir=str(project.site_dir), use_directory_urls=project.use_directory_urls
    )


def load_layout(project: Project, files: list[str]) -> Layout:
    """The layout of `files` (Markdown files relative to docs_dir) for `project`."""
    if "layout" in project.cache:
        return project.cache["layout"]
    if not project.languages:
        layout = Layout("", "", [""], False, [Source(src, "", False, src) for src in files])
    else:
        layout = _i18n_layout(project, files)
    layout._project = project
    project.cache["layout"] = layout
    return layout


def _i18n_layout(project: Project, files: list[str]) -> Layout:
    default = project.default.locale
    built = [lang.locale for lang in project.languages]
    fallback = project.i18n_options.get("fallback_to_default", True) is not False
    layout = Layout(project.docs_structure, default, built, fallback)
    create = _plugin(project.docs_structure)
    config = _config(project)
    seen: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for src in files:
        i18n = create(_file(project, src), default, default, project.all_locales, config)
        source = Source(src, i18n.locale, i18n.localization is not None, i18n.norm_src_uri)
        layout.sources.append(source)
        seen[(source.locale, source.norm)].append(source)
    docs = project.rel(project.docs_dir)
    for (locale, norm), same in seen.items():
        if len(same) > 1 and locale in built:
            shown = " and ".join(f"{docs}/{s.src}" for s in same)
            layout.problems.append(
                f"{shown} are both the {locale} page {norm} (static-i18n refuses this): keep one of them"
            )
    unbuilt = sorted({s.locale for s in layout.sources} - set(built) - set(project.all_locales))
    for locale in unbuilt:
        where = f"{docs}/{locale}/" if project.docs_structure == "folder" else f"{docs}/*.{locale}.md"
        layout.notes.append(
            f"static-i18n reads {where} as language {locale!r}, which is not in the config: those pages are not built"
        )
    _check_structure(project, layout, docs)
    line = project.config_line("docs_structure", after="i18n") or project.config_line("i18n")
    where = f"{project.rel(project.config_path)}:{line}: " if line else ""
    layout.problems = [where + problem for problem in layout.problems]  # the option that decides the layout
    return layout


def _check_structure(project: Project, layout: Layout, docs: str) -> None:
    """Files laid out for the other docs_structure: the report would be all wrong, so stop."""
    others = [lang for lang in project.all_locales if lang != layout.default]
    if layout.structure == "suffix":
        misplaced = [s.src for s in layout.sources if s.src.split("/", 1)[0] in others and "/" in s.src]
        hint = "the pages are in language folders but docs_structure is suffix (the plugin's default)"
        fix = "set docs_structure: folder in the i18n plugin options"
    else:
        misplaced = [s.src for s in layout.sources if _suffix(s.src) in project.all_locales]
        hint = "the pages have a language suffix but docs_structure is folder"
        fix = "set docs_structure: suffix, or move the pages into language folders"
    if misplaced:
        layout.problems.append(f"{docs}/{misplaced[0]}: {hint}; {fix}")
    if not layout.pages(layout.default) and any(s.locale in layout.built for s in layout.sources):
        where = f"{docs}/{layout.default}/ or {docs}/" if layout.structure == "folder" else f"{docs}/"
        layout.problems.append(
            f"no {layout.default} (default language) page in {where} with docs_structure: {layout.structure}:"
            " check docs_structure and which language has default: true"
        )


def _suffix(src: str) -> str:
    parts = src.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) > 2 else ""


def _destinations(project: Project, layout: Layout) -> dict[str, str]:
    """Site path of every built page -> its docs/ source, per static-i18n's choice of file."""
    if not project.languages:
        return {_file(project, s.src).dest_path.replace("\\", "/"): s.src for s in layout.sources}
    create = _plugin(layout.structure)
    config = _config(project)
    out: dict[str, str] = {}
    by_norm: dict[str, dict[str, Source]] = defaultdict(dict)
    for source in layout.sources:
        by_norm[source.norm].setdefault(source.locale, source)
    for current in layout.built:
        for versions in by_norm.values():
            chosen = versions.get(current) or (versions.get(layout.default) if layout.fallback else None)
            if chosen is None:
                continue
            i18n = create(_file(project, chosen.src), current, layout.default, project.all_locales, config)
            out.setdefault(i18n.dest_path.replace("\\", "/"), chosen.src)
    return out
