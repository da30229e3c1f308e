"""Display labels for every code a filter, chart or download shows, in the chosen language, from the data."""

from __future__ import annotations

from dataclasses import dataclass

from .. import fmt
from ..dataset import Dataset
from . import normalise_lang, t


def source_text(source) -> str:
    """A source as the interface names it, "publisher, date, reference numbers" (a row of the sources table)."""
    return ", ".join(str(v) for v in (source.publisher, source.date, source.diarienummer) if isinstance(v, str) and v)


@dataclass(frozen=True)
class Labels:
    lang: str
    region_names: dict[str, str]   # code -> short name
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
        return f"{code} {self.region_names.get(code, code)}"

    def money(self, value: float | int | None) -> str:
        return fmt.sek(value, self.lang)

    def mn(self, value: float | int | None) -> str:
        return fmt.msek(value, 1, self.lang)

    def per_capita(self, value: float | None, decimals: int = 2) -> str:
        return fmt.sek_per_capita(value, self.lang, decimals)

    def compact(self, value: float | int | None) -> str:
        return fmt.compact_sek(value, self.lang)

    def kr(self, value: float | None, decimals: int = 2) -> str:
        """Kronor with decimals and no 'per inhabitant' (for labels that already say so)."""
        if value is None or value != value:
            return "–"
        if self.lang == "en":
            return f"SEK{fmt.NBSP}{fmt.number(value, decimals, 'en')}"
        return f"{fmt.number(value, decimals)}{fmt.NBSP}kr"

    def source(self, source_id: str) -> str:
        return self.sources.get(source_id, source_id)

    def grant(self, grant_id: str) -> str:
        return self.grants.get(grant_id, grant_id)

    def stream(self, stream_id: str) -> str:
        return self.streams.get(stream_id, stream_id)

    def years(self, years) -> str:
        return fmt.year_span(years)

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        return fmt.number(value, decimals, self.lang)

    def percent(self, share: float | None) -> str:
        return fmt.percent(share, 1, self.lang)


def build(ds: Dataset, lang: str) -> Labels:
    lang = normalise_lang(lang)
    en = lang == "en"
    # A grant's newest name: a grant renamed over the years (a BUP share that became an agreement of its own)
    # is called what it is called now.
    grants = ds.grants.sort_values("year", na_position="first").drop_duplicates("grant_id", keep="last")
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
    sources = {str(row.source_id): source_text(row) for row in ds.sources.itertuples()}
    regions = dict(zip(ds.regions["region_code"].astype(str), ds.regions["short_name"].astype(str), strict=True))
    return Labels(lang=lang, region_names=regions,
                  grants={str(k): str(v) for k, v in grant_names.items()}, streams=stream_names,
                  streams_plain=plain, focus=focus,
                  sources=sources)
