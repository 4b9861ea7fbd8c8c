"""Load data/ once per language build and expose it to templates as `config.extra.vigie`.

static-i18n rebuilds the site once per language and runs `on_config` each time,
so this runs after it (priority -200) and reads the language it just set.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from vigie_data import DataError, i18n_languages, load


@event_priority(-200)
def on_config(config):
    lang, default, _ = i18n_languages(config)
    try:
        data = load(lang, default)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    plugin = config.plugins.get("i18n")
    data.languages = [
        {"code": item.locale, "name": item.name, "prefix": "" if item.locale == default else f"{item.locale}/"}
        for item in (plugin.config.languages if plugin else [])
        if item.build
    ]
    config.extra["vigie"] = data
    config.site_name = data.labels.get("site_name") or config.site_name
    config.site_description = data.labels.get("site_description") or config.site_description
    return config
