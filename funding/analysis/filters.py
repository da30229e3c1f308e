"""The dashboard's filters: parsed from URL query parameters, validated against allow-lists, written back.

Pure and Streamlit-free. Whatever arrives in a URL (empty, repeated, very long, HTML, odd unicode),
``parse`` never raises: a value it cannot accept gives a ``FilterWarning`` naming the parameter, and
that filter falls back to its default. Warnings never carry the offending value, so nothing from
the URL is ever echoed back to the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from ..vocabulary import CHANNELS, LEVELS, STATUSES

LANGS = ("sv", "en")
UNITS = ("sek", "capita")
DENOMINATORS = ("total", "key")

# Multi-valued filters: the Filters field, the URL parameter, and whether an empty selection means "all".
MULTI_PARAMS = {
    "years": "year",
    "region_codes": "region",
    "levels": "level",
    "channels": "channel",
    "grants": "grant",
    "streams": "stream",
    "focus": "focus",
    "statuses": "status",
}
SINGLE_PARAMS = {"lang": "lang", "unit": "unit", "denom": "denom", "base": "base"}
PARAMS = tuple(MULTI_PARAMS.values()) + tuple(SINGLE_PARAMS.values())

# Codes that links made before the data were rebuilt (November 2026) still carry, and what they are called now:
# the same money under a new id. A retired code is read as its successor only where the successor is offered,
# so the old link opens the same view instead of falling back with a warning.
RENAMED = {
    "streams": {"pv-ej-fordelat": "pv-aviserat", "psyk-ej-fordelat": "psyk-aviserat"},
}

# Longer than any honest value; a guard against pathological URLs, not a format rule.
MAX_VALUE_CHARS = 400
MAX_VALUES = 60

_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_REGION = re.compile(r"[0-9]{1,2}", re.ASCII)
_TOKEN = re.compile(r"[a-z0-9+\-]{1,60}", re.ASCII)


@dataclass(frozen=True)
class FilterOptions:
    """What each filter may hold, read from the dataset (never typed in)."""

    years: tuple[int, ...]
    region_codes: tuple[str, ...]
    levels: tuple[str, ...] = LEVELS
    channels: tuple[str, ...] = CHANNELS
    grants: tuple[str, ...] = ()
    streams: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    statuses: tuple[str, ...] = STATUSES

    @classmethod
    def from_view(cls, view: pd.DataFrame, region_codes: Iterable[str]) -> FilterOptions:
        def ordered(col: str, canon: tuple[str, ...] = ()) -> tuple[str, ...]:
            present = [v for v in pd.unique(view[col]) if isinstance(v, str) and v]
            first = [v for v in canon if v in present]
            return tuple(first + sorted(v for v in present if v not in first))

        return cls(
            years=tuple(sorted(int(y) for y in pd.unique(view["year"]))),
            region_codes=tuple(region_codes),
            levels=ordered("recipient_level", LEVELS),
            channels=ordered("channel", CHANNELS),
            grants=tuple(dict.fromkeys(view["grant_id"])),
            streams=tuple(dict.fromkeys(view["stream_id"])),
            focus=tuple(dict.fromkeys(view["focus_area"])),
            statuses=ordered("status", STATUSES),
        )


@dataclass(frozen=True)
class Filters:
    """One view of the dashboard. An empty tuple means "all"; `years` and `statuses` empty mean each chart's
    own default (one year for a snapshot, every year for a time series; see analysis.defaults)."""

    years: tuple[int, ...] = ()
    region_codes: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    grants: tuple[str, ...] = ()
    streams: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    lang: str = "sv"
    unit: str = "sek"
    denom: str = "total"
    base: str = ""  # the year the change chart compares with, "" for the year before

    @property
    def narrowed(self) -> bool:
        """Whether anything narrows the money beyond years and statuses (the headline then says so)."""
        return bool(self.region_codes or self.levels or self.channels or self.grants or self.streams or self.focus)

    def to_params(self) -> dict[str, list[str]]:
        """The URL query parameters for this view: only what differs from the defaults, in canonical order."""
        default = Filters()
        out: dict[str, list[str]] = {}
        for attr, param in MULTI_PARAMS.items():
            value = getattr(self, attr)
            if value != getattr(default, attr):
                out[param] = [str(v) for v in value]
        for attr, param in SINGLE_PARAMS.items():
            value = getattr(self, attr)
            if value != getattr(default, attr):
                out[param] = [value]
        return out

    def describe(self) -> dict[str, list[str] | str]:
        """A plain description of every filter (parameter name -> values), e.g. for export metadata."""
        out: dict[str, list[str] | str] = {}
        for attr, param in MULTI_PARAMS.items():
            out[param] = [str(v) for v in getattr(self, attr)]
        for attr, param in SINGLE_PARAMS.items():
            out[param] = getattr(self, attr)
        return out

    def replace(self, **changes) -> Filters:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Filters(**values)


@dataclass(frozen=True)
class FilterWarning:
    """A parameter that could not be used. ``reason`` is one of: unknown, malformed, empty, too_long, conflicting."""

    param: str
    reason: str


@dataclass(frozen=True)
class ParseResult:
    filters: Filters
    warnings: tuple[FilterWarning, ...] = field(default_factory=tuple)


def _as_list(raw: object) -> list[str] | None:
    """Whatever a query-parameter mapping holds for one key, as a list of strings; None if it is not text."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, Iterable) and not isinstance(raw, bytes | bytearray | Mapping):
        items = list(raw)
        if all(isinstance(v, str) for v in items):
            return items
    return None


def _pieces(values: list[str]) -> list[str] | str:
    """Split repeated and comma-separated values into clean pieces, or return a warning reason."""
    if sum(len(v) for v in values) > MAX_VALUE_CHARS * 4 or len(values) > MAX_VALUES:
        return "too_long"
    pieces: list[str] = []
    for value in values:
        if len(value) > MAX_VALUE_CHARS:
            return "too_long"
        # NFKC folds full-width digits and compatibility forms; what is left must still match an allow-list.
        text = unicodedata.normalize("NFKC", value)
        pieces.extend(p.strip() for p in text.split(","))
    pieces = [p for p in pieces if p]
    if not pieces:
        return "empty"
    if len(pieces) > MAX_VALUES:
        return "too_long"
    return list(dict.fromkeys(pieces))


def _normalise_region(piece: str) -> str | None:
    if not _REGION.fullmatch(piece):
        return None
    return piece.zfill(2)


def _normalise_year(piece: str) -> int | None:
    return int(piece) if _YEAR.fullmatch(piece) else None


def _normalise_token(piece: str) -> str | None:
    lowered = piece.lower()
    return lowered if _TOKEN.fullmatch(lowered) else None


def _values(items: dict, param: str) -> list[str] | FilterWarning:
    """The clean pieces of one parameter, or the warning that says why it cannot be used."""
    raw = _as_list(items[param])
    if raw is None:
        return FilterWarning(param, "malformed")
    pieces = _pieces(raw)
    return FilterWarning(param, pieces) if isinstance(pieces, str) else pieces


def _multi(attr: str, param: str, pieces: list[str], allowed: tuple) -> tuple | FilterWarning:
    normalise = {"years": _normalise_year, "region_codes": _normalise_region}.get(attr, _normalise_token)
    renamed = RENAMED.get(attr, {})
    chosen, reason = [], None
    for piece in pieces:
        value = normalise(piece)
        if attr == "statuses" and value == "all":
            # A hand-written address says status=all more often than listing the three; the panel calls it "all".
            chosen.extend(allowed)
            continue
        if value is not None and value not in allowed and renamed.get(value) in allowed:
            value = renamed[value]
        if value is None:
            reason = reason or "malformed"
        elif value not in allowed:
            # A well-formed year outside the data (2017, 2021: amounts only in words) is not a typo: say so.
            reason = reason or ("no_amounts" if attr == "years" else "unknown")
        else:
            chosen.append(value)
    if reason:
        return FilterWarning(param, reason)
    if attr == "statuses" and "decided" in allowed:
        chosen.append("decided")  # decided money is always shown; the choice is what to add to it
    order = {v: i for i, v in enumerate(allowed)}
    return tuple(sorted(dict.fromkeys(chosen), key=order.__getitem__))


def _single(param: str, pieces: list[str], allowed: tuple) -> str | FilterWarning:
    if len(pieces) > 1:
        return FilterWarning(param, "conflicting")
    value = _normalise_token(pieces[0])
    if value is None:
        return FilterWarning(param, "malformed")
    if value in allowed:
        return value
    return FilterWarning(param, "no_amounts" if param == "base" and _YEAR.fullmatch(value) else "unknown")


def parse(params: Mapping[str, object], options: FilterOptions) -> ParseResult:
    """Turn raw query parameters (name -> str or list of str) into Filters plus warnings. Never raises."""
    warnings: list[FilterWarning] = []
    values: dict[str, object] = {}
    try:
        items = dict(params.items())
    except Exception:  # a broken mapping is treated as no parameters at all
        items = {}
    allowed_single = {"lang": LANGS, "unit": UNITS, "denom": DENOMINATORS,
                      "base": tuple(str(y) for y in options.years)}
    for attr, param in (*MULTI_PARAMS.items(), *SINGLE_PARAMS.items()):
        if param not in items:
            continue
        pieces = _values(items, param)
        if not isinstance(pieces, FilterWarning):
            pieces = (_multi(attr, param, pieces, getattr(options, attr)) if attr in MULTI_PARAMS
                      else _single(param, pieces, allowed_single[attr]))
        if isinstance(pieces, FilterWarning):
            warnings.append(pieces)
        else:
            values[attr] = pieces
    return ParseResult(Filters(**values), tuple(warnings))


def normalise_params(params: Mapping[str, object]) -> dict[str, list[str]]:
    """The filter parameters of a query mapping as sorted lists, to compare two URLs for the same view."""
    out: dict[str, list[str]] = {}
    for key, raw in dict(params.items()).items():
        if key in PARAMS:
            out[key] = sorted(_as_list(raw) or [])
    return out
