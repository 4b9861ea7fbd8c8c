"""The words that say "this is a number to call", per language, and the units a number can carry.

Whole words only ("call", "calls", "calling"; never "Freese" for "free" or "Téléchargez" for
"tél"), in the languages the site has. Strong words (verbs and "helpline") make a number a phone;
weak ones ("numéro", "gratuit") only a number of three digits or more that is not a year, since
"the number 5" or "composed of 10 elements" is not a phone. Scripts written without spaces
(Chinese, Japanese, Korean) are matched inside the text.
"""

from __future__ import annotations

import functools
import re

STRONG: dict[str, set[str]] = {
    "en": {"call", "calls", "calling", "dial", "dials", "dialling", "dialing", "phone", "phones", "phoning",
           "telephone", "tel", "ring", "text", "texting", "sms", "hotline", "hotlines", "helpline", "helplines",
           "freephone"},
    "fr": {"appelez", "appeler", "appelle", "appellent", "appel", "composez", "composer", "téléphone",
           "téléphonez", "téléphoner", "tél", "tel", "joindre", "sms", "texto"},
    "es": {"llame", "llama", "llamar", "llamen", "llamada", "marque", "marca", "marcar", "teléfono", "tel",
           "sms"},
    "de": {"anrufen", "anruf", "ruf", "rufen", "rufe", "ruft", "wählen", "wähle", "wählt", "telefon", "tel",
           "notruf", "sms"},
    "it": {"chiama", "chiamare", "chiamate", "chiamata", "componi", "telefono", "tel", "sms"},
    "pt": {"ligue", "ligar", "liga", "disque", "telefone", "tel", "sms"},
    "nl": {"bel", "bellen", "belt", "telefoon", "tel", "sms"},
    "uk": {"дзвоніть", "дзвонити", "зателефонуйте", "телефонуйте", "телефон", "телефоном", "смс"},
    "ru": {"звоните", "позвоните", "звонить", "телефон", "телефону", "смс"},
    "ar": {"اتصل", "اتصلوا", "اتصلي", "هاتف", "الهاتف", "بالهاتف"},
}  # fmt: skip
WEAK: dict[str, set[str]] = {
    "en": {"toll", "free"},
    "fr": {"numéro", "gratuit", "gratuite", "vert"},
    "es": {"número", "gratuito", "gratuita"},
    "de": {"nummer", "telefonnummer", "kostenlos", "kostenfrei"},
    "it": {"numero", "gratuito", "verde"},
    "pt": {"número", "gratuito", "gratuita"},
    "nl": {"nummer", "telefoonnummer", "gratis"},
    "uk": {"номер", "номером", "безкоштовно"},
    "ru": {"номер", "номеру", "бесплатно"},
    "ar": {"رقم", "الرقم", "بالرقم", "مجاني"},
}
SYMBOLS = {"☎", "📞", "✆"}
# Inside text written without spaces: 拨打119, 110番に電話, 112에 전화하세요.
UNSPACED = {
    "zh": ("拨打", "致电", "电话", "電話", "撥打"),
    "ja": ("電話", "ダイヤル", "かけ"),
    "ko": ("전화", "번으로"),
}
ALL_LANGUAGES = tuple(sorted(set(STRONG) | set(WEAK) | set(UNSPACED)))

# A unit right after the number (50 kV, 3 MW, 12 kWh, 5 µs, 20 °C), case as written: SI prefixes
# and units, electrical ones included. Case-sensitive, so that "119 A" (ampere) is a unit but an
# ordinary word is not.
UNIT = re.compile(
    r"[ \u00a0\u202f]?(?:[pnµμmcdhkMGTPE]?(?:Wh|VAh|VA|var|V|W|Hz|Pa|Ω|ohm|bar|eV|mol|lm|lx|Bq|Gy|Sv|bps|bit)"
    r"|[pnµμmcdhkMGTPE](?:Ah|A|J|N|F|H|T|S|C|K|b|B|g|t|m|s|l|L)|[kMGT]o|°[CF]|dB|kcal|cal|mph|km/h|rpm)[²³]?(?![\w'’&])"
)


def base_language(locale: str) -> str:
    """'pt' for pt_BR, 'zh' for zh-Hant."""
    return re.split(r"[_-]", locale, maxsplit=1)[0].lower()


@functools.lru_cache(maxsize=64)
def words_for(languages: tuple[str, ...] | None) -> tuple[set[str], set[str], tuple[str, ...]]:
    """(strong words, weak words, unspaced words) for these languages; every language when None."""
    chosen = ALL_LANGUAGES if languages is None else tuple(base_language(lang) for lang in languages)
    strong = set(SYMBOLS).union(*(STRONG.get(lang, set()) for lang in chosen))
    weak = set().union(*(WEAK.get(lang, set()) for lang in chosen))
    unspaced = tuple(word for lang in chosen for word in UNSPACED.get(lang, ()))
    return strong, weak, unspaced
