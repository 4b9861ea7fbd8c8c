"""Read what the checker needs from mkdocs.yml, without loading mkdocs itself.

A plain YAML load with tolerant tags is ~50x cheaper than mkdocs' load_config,
which imports the theme and every plugin. `!ENV` is resolved like mkdocs does;
`!relative` and `!!python/...` tags become strings (the checker never needs them).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

try:
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Base


class ConfigError(Exception):
    """A usage or config error: the CLI prints it on one line and exits 2. `file` and `line` say where."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(f"{file}:{line}: {message}" if file and line else message)
        self.file, self.line = file, line


def _shown(path: Path) -> str:
    """A path as the user sees it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


class _Loader(_Base):
    pass


def _env(loader: yaml.Loader, node: yaml.Node):
    """`!ENV VAR` or `!ENV [VAR1, VAR2, default]`, as in pyyaml_env_tag."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] or items, items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            raw = os.environ[name]
            try:  # typed like a YAML scalar ("null", "true", "8000"), as mkdocs does
                value = yaml.load(raw, Loader=_Loader) if raw else ""
            except yaml.YAMLError:
                return raw
            return value if value is None or isinstance(value, (str, int, float, bool)) else raw
    return default


def _as_string(loader: yaml.Loader, suffix, node: yaml.Node | None = None):
    node = node if node is not None else suffix
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _as_string)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _as_string)
_Loader.add_multi_constructor("!", _as_string)


def load_yaml(path: Path) -> object:
    with open(path, "rb") as stream:
        return yaml.load(stream, Loader=_Loader)


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            value = _merge(out[key], value)
        out[key] = value
    return out


def _load_config(path: Path) -> dict:
    try:
        data = load_yaml(path)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {_shown(path)}", _shown(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = " ".join(f"{getattr(exc, 'problem', None) or exc}".split())
        line = mark.line + 1 if mark is not None else None
        message = f"cannot read {_shown(path)}: not valid YAML ({what}): fix the YAML on this line"
        raise ConfigError(message, _shown(path), line) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot read {_shown(path)}: not UTF-8 (byte {exc.start})", _shown(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read {_shown(path)}: {exc.strerror}", _shown(path)) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{_shown(path)} is not a mkdocs config (not a mapping)", _shown(path), 1)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        data = _merge(_load_config((path.parent / parent).resolve()), data)
    return data


@dataclass
class Language:
    locale: str
    name: str
    default: bool = False
    options: dict = field(default_factory=dict)


@dataclass
class Project:
    config_path: Path
    root: Path  # the config's folder: docs_dir, site_dir and data/ are relative to it
    docs_dir: Path
    site_dir: Path
    site_url: str | None
    use_directory_urls: bool
    languages: list[Language]  # built languages, default first; empty without i18n
    docs_structure: str
    nav: list | None
    extra: dict
    exclude_docs: str | None
    theme: dict = field(default_factory=dict)  # theme: as a mapping ({"name": ...} when a plain name)
    all_locales: list[str] = field(default_factory=list)  # every configured locale, built or not
    i18n_options: dict = field(default_factory=dict)
    i18n_error: str | None = None  # why the translations check cannot run
    i18n_ignored: list[str] = field(default_factory=list)  # i18n options the plugin does not know (it warns)
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # the layout, read once

    @property
    def default(self) -> Language | None:
        return self.languages[0] if self.languages else None

    @functools.cached_property
    def site_host(self) -> str:
        return urlsplit(self.site_url or "").netloc.lower()

    @functools.cached_property
    def site_path(self) -> str:
        """The site's base path, with slashes on both ends: '/' or '/vigie/'."""
        path = urlsplit(self.site_url or "").path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def checker_options(self) -> dict:
        options = self.extra.get("checker") if isinstance(self.extra, dict) else None
        return options if isinstance(options, dict) else {}

    @property
    def region(self) -> str | None:
        """The region for short numbers: extra.checker.region, else the default locale's (pt_BR), else None."""
        region = self.checker_options.get("region")
        if region:
            return str(region).upper()
        locale = self.default.locale if self.default else ""
        territory = locale.replace("_", "-").split("-")[-1] if len(locale) > 2 else ""
        return territory if len(territory) == 2 and territory.isupper() else None

    @property
    def text_languages(self) -> tuple[str, ...]:
        """The languages the pages are written in: the i18n locales, else theme.language, else en."""
        if self.languages:
            return tuple(lang.locale for lang in self.languages)
        language = self.theme.get("language")
        return (language,) if isinstance(language, str) and language else ("en",)

    def config_line(self, key: str, after: str | None = None) -> int | None:
        """The line of `key:` in mkdocs.yml (the first one after a line holding `after`), or None."""
        try:
            lines = self.config_path.read_text("utf-8", "replace").splitlines()
        except OSError:
            return None
        start = next((i for i, line in enumerate(lines) if after in line), 0) if after else 0
        pattern = re.compile(rf"^[ \t-]*{re.escape(key)}[ \t]*:")
        return next((i + 1 for i in range(start, len(lines)) if pattern.match(lines[i])), None)

    def rel(self, path: Path) -> str:
        """A path for messages: relative to the project root when inside it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _find_i18n(plugins) -> tuple[dict | None, bool]:
    """The i18n plugin's options, and whether the plugin is there at all."""
    items = plugins.items() if isinstance(plugins, dict) else enumerate(plugins if isinstance(plugins, list) else [])
    for key, value in items:
        name, options = (key, value) if isinstance(plugins, dict) else (value, None)
        if isinstance(value, dict) and not isinstance(plugins, dict):
            if len(value) != 1:
                continue
            name, options = next(iter(value.items()))
        if isinstance(name, str) and name.split("/")[-1] == "i18n":
            return options if isinstance(options, dict) else {}, True
    return None, False


V0_FORMAT = (
    "the i18n plugin options are in the mkdocs-static-i18n 0.x format (default_language, or languages as a"
    " mapping); version 1 reads a list: languages: [{locale: en, name: English, default: true}, {locale: fr,"
    " name: Français}]. Rewrite the options as that list (see the plugin's 'upgrading to v1' notes)"
)


def _validated(options: dict) -> tuple[list, str | None, list[str]]:
    """The languages as the plugin's own config class reads them, or why it refuses them, and the options
    it ignores (it only warns about those and builds the site: so does the checker)."""
    try:
        from mkdocs_static_i18n.config import I18nPluginConfig
    except ImportError:
        return [], "mkdocs-static-i18n is not installed, so its layout rules cannot be read (pip install it)", []
    config = I18nPluginConfig()
    try:
        config.load_dict(options)
        failed, warnings = config.validate()
    except Exception as exc:  # noqa: BLE001 - the plugin's own words, whatever it raises
        return [], f"i18n plugin options: {' '.join(str(exc).split())}", []
    ignored = [key for key, message in warnings if "Unrecognised" in str(message) and key in options]
    if failed:
        if "default_language" in options or isinstance(options.get("languages"), dict):
            return [], V0_FORMAT, ignored
        key, error = failed[0]
        return [], f"i18n plugin option {key!r}: {' '.join(str(error).split())}", ignored
    return list(config.languages), None, ignored


def _languages(options: dict) -> tuple[list[Language], list[str], str | None, list[str]]:
    """Built languages (default first), every configured locale, or why not; and the ignored options."""
    raw = options.get("languages")
    if not raw and "default_language" not in options:
        return [], [], "the i18n plugin has no languages", []
    validated, error, ignored = _validated(options)
    if error:
        return [], [], error, ignored
    items = raw if isinstance(raw, list) else []
    langs = []
    for index, lang in enumerate(validated):
        if lang.build:
            item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
            langs.append(Language(lang.locale, lang.name or lang.locale, bool(lang.default), item))
    default = [lang for lang in langs if lang.default][:1]  # the plugin checks there is one
    if not default:
        return [], [], "no i18n language has default: true and build: true", ignored
    ordered = default + [lang for lang in langs if lang is not default[0]]
    return ordered, [lang.locale for lang in validated], None, ignored


def load_project(config: str | os.PathLike, site: str | os.PathLike | None = None) -> Project:
    config_path = Path(config).resolve()
    data = _load_config(config_path)
    root = config_path.parent
    options, has_i18n = _find_i18n(data.get("plugins"))
    no_plugin = ([], [], "no i18n plugin in the config", [])
    languages, all_locales, error, ignored = _languages(options) if has_i18n else no_plugin
    structure = str((options or {}).get("docs_structure", "suffix"))
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    site_url = data.get("site_url") if isinstance(data.get("site_url"), str) else None
    exclude = data.get("exclude_docs")
    theme = data.get("theme")
    return Project(
        config_path=config_path,
        root=root,
        docs_dir=(root / str(data.get("docs_dir") or "docs")).resolve(),
        site_dir=Path(site).resolve() if site else (root / str(data.get("site_dir") or "site")).resolve(),
        site_url=site_url or None,
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        languages=languages if not error else [],
        all_locales=all_locales if not error else [],
        i18n_options=options or {},
        docs_structure=structure,
        nav=data.get("nav") if isinstance(data.get("nav"), list) else None,
        extra=extra,
        exclude_docs=exclude if isinstance(exclude, str) else None,
        theme=theme if isinstance(theme, dict) else {"name": theme} if isinstance(theme, str) else {},
        i18n_error=error,
        i18n_ignored=ignored,
    )
