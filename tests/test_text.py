"""The interface's words: both languages for every key with the same placeholders, and no key used in code
that the text files lack (a missing key would be a KeyError in front of a visitor)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from funding.text import LANGS, PROSE, TEXT, normalise_lang, t

ROOT = Path(__file__).resolve().parents[1]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = TEXT[key]
    assert set(entry) == set(LANGS), key
    assert placeholders(entry["sv"]) == placeholders(entry["en"]), key
    assert entry["sv"].strip() and entry["en"].strip()


def test_prose_has_both_languages_with_as_many_paragraphs():
    for key, entry in PROSE.items():
        assert len(entry["sv"]) == len(entry["en"]), key


def test_every_key_the_code_names_exists():
    used = set()
    for path in [*ROOT.glob("components/**/*.py"), *ROOT.glob("funding/**/*.py"), *ROOT.glob("views/*.py")]:
        used |= set(re.findall(r"""\btr?\(\s*"([a-z_][a-z0-9_+\-]*)"[,)]""", path.read_text(encoding="utf-8")))
    assert used, "the pattern finds the keys the code uses"
    assert sorted(used - set(TEXT)) == []


def test_the_one_language_normaliser():
    assert [normalise_lang(v) for v in ("en", "sv", "EN", "", None, ["en"], "de")] == ["en", "sv", "sv", "sv", "sv",
                                                                                      "sv", "sv"]
    assert t("app_title", "de") == t("app_title", "sv") == "Statsbidrag för psykisk hälsa"


def test_every_key_the_code_composes_exists():
    """Keys built with an f-string (a prefix plus a code) escape the search above; each family is listed here."""
    from components import state
    from components.navigation import PAGES
    from funding.analysis import timeline
    from funding.analysis.filters import DENOMINATORS, UNITS, FilterWarning
    from funding.vocabulary import CHANNELS, LEVELS, STATUSES

    composed = {f"f_status_{c}" for c in state.STATUS_CHOICES}
    composed |= {f"kind_{k}" for k in timeline.CHANGE_KINDS}
    composed |= {f"ov_n_{k}{one}" for k in ("new", "ended", "unsplit", "up", "down") for one in ("", "_one")}
    composed |= {f"level_{c}" for c in LEVELS} | {f"channel_{c}" for c in CHANNELS} | {f"status_{c}" for c in STATUSES}
    composed |= {f"page_{p.url_path or 'oversikt'}" for p in PAGES}
    composed |= {f"unit_{u}" for u in UNITS} | {f"denom_{d}" for d in DENOMINATORS}
    composed |= {f"warn_{r}" for r in FilterWarning.__doc__.split("one of: ")[1].rstrip(".").split(", ")}
    assert sorted(composed - set(TEXT)) == []


@pytest.mark.parametrize(("key", "lang", "one", "many"), [
    ("dl_button", "sv", "Ladda ned 1 rad", "Ladda ned 2 rader"),
    ("download_table", "en", "Download the table (1 row)", "Download the table (12 rows)"),
    ("dt_rows", "sv", "1 rad, summa 5 kr.", "3 rader, summa 5 kr."),
])
def test_one_row_is_one_rad_not_one_rader(key, lang, one, many):
    """'Ladda ned 1 rader' and 'Download the table (1 rows)': a key with a singular form uses it for n = 1."""
    assert t(key, lang, n="1", total="5 kr") == one
    assert t(key, lang, n="12" if lang == "en" else "2" if key == "dl_button" else "3", total="5 kr") == many
    assert all(f"{k}_one" in TEXT for k in ("rp_download", "table_rows_note", "download_rows"))
