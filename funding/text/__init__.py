"""Text: every user-facing string in Swedish (the default) and English, and the one language normaliser.

Strings are format templates, ``t("key", lang, year=2025)``, kept as data in TOML files grouped by where they
appear (common.toml for the shell and vocabulary, pages.toml, about.toml, exports.toml): translators edit
text, not Python. Names of grants, streams, focus areas and recipients come from the data (name_sv / name_en),
through labels.py. A test checks that both languages define the same keys with the same placeholders.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

LANGS = ("sv", "en")
FILES = ("common.toml", "pages.toml", "about.toml", "exports.toml")


def normalise_lang(value: object) -> str:
    """The interface language for any input: "en" only when asked for exactly, else Swedish."""
    return value if value in LANGS else "sv"  # type: ignore[return-value]


def _load() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, tuple[str, ...]]]]:
    text: dict[str, dict[str, str]] = {}
    prose: dict[str, dict[str, tuple[str, ...]]] = {}
    for name in FILES:
        with open(Path(__file__).with_name(name), "rb") as handle:
            entries = tomllib.load(handle)
        for key, paragraphs in entries.pop("prose", {}).items():
            prose[key] = {lang: tuple(paragraphs[lang]) for lang in LANGS}
        twice = set(text) & set(entries)
        if twice:
            raise RuntimeError(f"text keys defined twice: {sorted(twice)} ({name})")
        text.update(entries)
    return text, prose


TEXT, PROSE = _load()


def t(key: str, lang: str = "sv", **values: object) -> str:
    """The string for `key` in `lang` (Swedish if the language is unknown), with `values` filled in."""
    # One row, not "1 rader": a key with a singular form has it under <key>_one, used when n is one.
    if values.get("n") in (1, "1") and f"{key}_one" in TEXT:
        key = f"{key}_one"
    entry = TEXT[key]
    template = entry.get(normalise_lang(lang)) or entry["sv"]
    return template.format(**values) if values else template


def has(key: str) -> bool:
    return key in TEXT


def prose(key: str, lang: str = "sv", **values: object) -> tuple[str, ...]:
    paragraphs = PROSE[key][normalise_lang(lang)]
    return tuple(p.format(**values) for p in paragraphs) if values else paragraphs


class Translator:
    """``tr = Translator("en"); tr("ov_total", year=2025)``: t() with the language bound."""

    def __init__(self, lang: object):
        self.lang = normalise_lang(lang)

    def __call__(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def prose(self, key: str, **values: object) -> tuple[str, ...]:
        return prose(key, self.lang, **values)
