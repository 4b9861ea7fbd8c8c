"""`make serve LANG=fr`: build only French and the default language, at their real URLs.

static-i18n's own `build_only_locale` publishes the one language at `/`, which
breaks cross-language links in a preview; switching the other languages'
`build` flag off keeps `/fr/...` where it is and still skips the rest.
"""

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(100)
def on_config(config):
    wanted = os.environ.get("VIGIE_PREVIEW_LANG")
    plugin = config.plugins.get("i18n")
    if not wanted or plugin is None:
        return config
    locales = [lang.locale for lang in plugin.config.languages]
    if wanted not in locales:
        raise PluginError(f"VIGIE_PREVIEW_LANG={wanted}: not one of {', '.join(locales)}")
    for lang in plugin.config.languages:
        lang.build = lang.default or lang.locale == wanted
    return config
