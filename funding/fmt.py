"""Swedish number formatting: 1 234 567 kr, 12,3 mnkr, decimal comma.

A no-break space (U+00A0) separates thousands and units so that a figure never
wraps across two lines in a narrow column.
"""

from __future__ import annotations

import math

import pandas as pd

NBSP = "\u00a0"


def _group(int_part: str, sep: str) -> str:
    sign = "-" if int_part.startswith("-") else ""
    digits = int_part.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + sep.join(groups)


def number(value: float | int | None, decimals: int = 0, lang: str = "sv") -> str:
    """Format a number with Swedish (or English) separators; None/NaN gives an en dash."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:.{decimals}f}"
    int_part, _, frac = text.partition(".")
    out = _group(int_part, "," if lang == "en" else NBSP)
    if out.startswith("-"):
        out = "\u2212" + out[1:]  # a real minus sign (typography in both languages; a hyphen reads as a dash)
    return out + (("." if lang == "en" else ",") + frac if frac else "")


def _sign_first(text: str) -> str:
    """'SEK −5' → '−SEK 5': in English the sign goes before the currency."""
    prefix = f"SEK{NBSP}\u2212"
    return f"\u2212SEK{NBSP}{text[len(prefix):]}" if text.startswith(prefix) else text


def sek(value: float | int | None, lang: str = "sv") -> str:
    """Whole kronor: '1 234 567 kr' (sv) or 'SEK 1,234,567' (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if lang == "en":
        return _sign_first(f"SEK{NBSP}{number(round(value), 0, 'en')}")
    return f"{number(round(value), 0)}{NBSP}kr"


def msek(value: float | int | None, decimals: int = 1, lang: str = "sv") -> str:
    """Millions of kronor: '12,3 mnkr' (sv) or 'SEK 12.3m' (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if lang == "en":
        return _sign_first(f"SEK{NBSP}{number(value / 1e6, decimals, 'en')}m")
    return f"{number(value / 1e6, decimals)}{NBSP}mnkr"


def sek_per_capita(value: float | None, lang: str = "sv", decimals: int = 2) -> str:
    """Kronor per inhabitant, two decimals unless told: '47,12 kr/inv.'."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if lang == "en":
        return _sign_first(f"SEK{NBSP}{number(value, decimals, 'en')} per inhabitant")
    return f"{number(value, decimals)}{NBSP}kr/inv."


def year_span(years, dash: str = "–", joiner: str = ", ") -> str:
    """2025 | 2025–2026 | 2023, 2025–2026: runs of consecutive years, each first–last."""
    years = sorted({int(y) for y in years})
    if not years:
        return ""
    runs: list[list[int]] = [[years[0]]]
    for year in years[1:]:
        if year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return joiner.join(str(r[0]) if len(r) == 1 else f"{r[0]}{dash}{r[-1]}" for r in runs)


def and_list(items: list[str], and_word: str) -> str:
    """'a, b och c' / 'a, b and c' (no serial comma: the interface's English follows the Swedish list)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {and_word} {items[-1]}"


def percent(share: float | None, decimals: int = 1, lang: str = "sv") -> str:
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    # Swedish writes 58,6 % (with a space), English 58.6%.
    return f"{number(share * 100, decimals, lang)}{'' if lang == 'en' else NBSP}%"


def compact_sek(value: float | int | None, lang: str = "sv") -> str:
    """Headline figures: mnkr from one million, otherwise whole kronor."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 1e9:
        if lang == "en":
            return _sign_first(f"SEK{NBSP}{number(value / 1e9, 2, 'en')}bn")
        return f"{number(value / 1e9, 2)}{NBSP}mdkr"
    if abs(value) >= 1e6:
        return msek(value, 1, lang)
    return sek(value, lang)
