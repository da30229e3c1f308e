"""Display labels for every code a filter or chart shows, in the chosen language. Pure: no Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from funding import fmt
from funding.i18n import t
from funding.model import Dataset

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Text from the data made inert for Streamlit's Markdown (no links, emphasis, colour or icon directives)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def plot_escape(text: object) -> str:
    """Text from the data made inert for Plotly, which reads a few HTML tags (<a>, <b>, <br>) in labels."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Labels:
    lang: str
    regions: dict[str, str]        # code -> short name
    grants: dict[str, str]
    streams: dict[str, str]        # unique even where two streams share a name
    streams_plain: dict[str, str]  # as the source names them (where the grant is shown beside them)
    focus: dict[str, str]
    sources: dict[str, str]        # source_id -> "publisher date, diarienummer"

    def level(self, code: str) -> str:
        return t(f"level_{code}", self.lang)

    def channel(self, code: str) -> str:
        return t(f"channel_{code}", self.lang)

    def status(self, code: str) -> str:
        return t(f"status_{code}", self.lang)

    def region_option(self, code: str) -> str:
        return f"{code} {self.regions.get(code, code)}"

    def money(self, value: float | int | None) -> str:
        return fmt.sek(value, self.lang)

    def mn(self, value: float | int | None) -> str:
        return fmt.msek(value, 1, self.lang)

    def per_capita(self, value: float | None) -> str:
        return fmt.sek_per_capita(value, self.lang)

    def compact(self, value: float | int | None) -> str:
        return fmt.compact_sek(value, self.lang)

    def kr(self, value: float | None) -> str:
        """Kronor with two decimals and no 'per inhabitant' (for labels that already say so)."""
        if self.lang == "en":
            return f"SEK{fmt.NBSP}{fmt.number(value, 2, 'en')}"
        return f"{fmt.number(value, 2)}{fmt.NBSP}kr"

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        return fmt.number(value, decimals, self.lang)

    def percent(self, share: float | None) -> str:
        return fmt.percent(share, 1, self.lang)


def build(ds: Dataset, lang: str) -> Labels:
    en = lang == "en"
    grants = ds.grants.drop_duplicates("grant_id")
    grant_names = {g: (e if en else s) for g, s, e in zip(grants["grant_id"], grants["name_sv"], grants["name_en"],
                                                           strict=True)}
    streams = ds.streams
    names = [str(e if en else s) for s, e in zip(streams["name_sv"], streams["name_en"], strict=True)]
    stream_names = {}
    plain = dict(zip(streams["stream_id"].astype(str), names, strict=True))
    for stream_id, grant_id, label in zip(streams["stream_id"], streams["grant_id"], names, strict=True):
        if names.count(label) > 1:
            label = f"{label} – {grant_names.get(grant_id, grant_id)}"
        stream_names[str(stream_id)] = label
    focus = {str(f): str(e if en else s) for f, s, e in zip(ds.focus_areas["focus_id"], ds.focus_areas["name_sv"],
                                                            ds.focus_areas["name_en"], strict=True)}
    sources = {}
    for row in ds.sources.itertuples():
        parts = [str(row.publisher), str(row.date)]
        if isinstance(row.diarienummer, str) and row.diarienummer:
            parts.append(row.diarienummer)
        sources[str(row.source_id)] = ", ".join(parts)
    regions = dict(zip(ds.regions["region_code"].astype(str), ds.regions["short_name"].astype(str), strict=True))
    return Labels(lang=lang if lang in ("sv", "en") else "sv", regions=regions,
                  grants={str(k): str(v) for k, v in grant_names.items()}, streams=stream_names,
                  streams_plain=plain, focus=focus,
                  sources=sources)
