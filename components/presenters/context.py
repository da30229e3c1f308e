"""The plain context every presenter takes: the dataset, the filters and the language, and what follows.

No Streamlit: a test builds one with `ViewContext(load(), Filters(...))` and calls any presenter with it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from components.memo import DatasetMemo
from funding.analysis import defaults
from funding.analysis.filters import FilterOptions, Filters
from funding.dataset import Dataset, select
from funding.text import Translator, normalise_lang
from funding.text.labels import Labels, build

# Per dataset (and language): the filter options, the labels and the default year were rebuilt from the whole
# view on every rerun (issue 7: about 200 ms a run at 100x the data); views that ignore the filters
# (per_language) live here too. Six entries per dataset; twelve keep two datasets whole while a new data
# version takes over.
_per_dataset = DatasetMemo(size=12)
# Per dataset and filters: what a presenter computed (issue 7, bench/run.py). Most of a rerun's time went
# into rebuilding the same pandas tables and Plotly figures; every presenter is a pure function of the
# dataset and the filters (the language is one of the filters), so its results are shared by all sessions,
# like the dataset itself, and callers must never mutate them. 64 rather than 32 (issue 14, bench/README.md):
# with visitors changing filters, 32 views were evicted before they were asked for again; at 64 the server's
# p95 run time halved (1 session 629 -> 253 ms, 30 sessions 5.0 -> 2.6 s, real data) for no measurable RSS.
_views = DatasetMemo(size=64)


def options_for(ds: Dataset) -> FilterOptions:
    return _per_dataset.get(ds, ("options",), lambda: FilterOptions.from_view(ds.view, ds.region_codes))


def labels_for(ds: Dataset, lang: str) -> Labels:
    return _per_dataset.get(ds, ("labels", lang), lambda: build(ds, lang))


def latest_year_for(ds: Dataset) -> int:
    """The snapshot's default year: a scan of the whole view (9 ms a run at 100x, twice a run), once per dataset."""
    return _per_dataset.get(ds, ("latest_decided_year",), lambda: defaults.latest_decided_year(ds.view))


@dataclass(frozen=True)
class ViewContext:
    ds: Dataset
    filters: Filters

    @functools.cached_property
    def lang(self) -> str:
        return normalise_lang(self.filters.lang)

    @functools.cached_property
    def tr(self) -> Translator:
        return Translator(self.lang)

    @functools.cached_property
    def labels(self) -> Labels:
        return labels_for(self.ds, self.lang)

    @functools.cached_property
    def snapshot(self) -> defaults.Choice:
        return defaults.snapshot(self.filters, self.ds.view, latest_year_for(self.ds))

    @functools.cached_property
    def series(self) -> defaults.Choice:
        return defaults.series(self.filters, self.ds.view, self.ds.grants["year"].dropna())

    @functools.cached_property
    def snapshot_rows(self) -> pd.DataFrame:
        """The selection for one-year views: the filters with the snapshot's years and statuses."""
        return select(self.ds.view, self.filters, years=self.snapshot.years, statuses=self.snapshot.statuses)

    @functools.cached_property
    def series_rows(self) -> pd.DataFrame:
        return select(self.ds.view, self.filters, years=self.series.years, statuses=self.series.statuses)

    @functools.cached_property
    def n_regions(self) -> int:
        return len(self.ds.regions)

    def described(self, rows: pd.DataFrame, regions: Sequence[str] | None = None,
                  every_region: bool = False) -> dict[str, list[str]]:
        """The filters a download of `rows` states: the reader's choices, and where a chart chose by default
        (years, statuses), what it chose, so a file never says "no filters" about one year's decided money.

        A file must describe what it holds, not what the reader asked for: the years are those of the rows (the
        money trail shows the last of the chosen years, the change chart adds its base year), and the region
        filter is stated only where the rows keep to it (Regioner and the trail take every region and only mark
        or pick out the chosen ones). `regions` names the regions a table shows where they differ from its rows'.
        """
        params = {k: v for k, v in self.filters.to_params().items() if k not in ("lang", "unit", "denom", "base")}
        if len(rows):
            # pd.unique, not set(): iterating an Arrow-backed column cost 80 ms a run at 100x (bench).
            params["year"] = [str(y) for y in sorted(int(y) for y in pd.unique(rows["year"]))]
            held = set(pd.unique(rows["region_code"]))
            if regions:
                params["region"] = list(regions)
            elif every_region or (self.filters.region_codes and not held <= set(self.filters.region_codes)):
                params.pop("region", None)
            elif self.filters.region_codes:
                # Only the chosen regions the rows hold: Regionprofil shows the first of /?region=01,14, and
                # its files said region=01,14.
                params["region"] = [c for c in self.filters.region_codes if c in held]
        if len(rows) and not self.filters.statuses:
            present = set(pd.unique(rows["status"]))
            params["status"] = [s for s in ("decided", "estimated", "announced") if s in present]
        return params


def per_language(fn):
    """Reuse a presenter's result for the same dataset and language: for views that show the whole dataset
    whatever the filters (Om datan). Keyed by filters, each filter change on such a page computed the same view
    again and pushed views that differ out of the memo (bench: /om's filter p95 183 ms against 64 ms)."""
    @functools.wraps(fn)
    def cached(ctx: ViewContext):
        return _per_dataset.get(ctx.ds, (fn.__module__, fn.__name__, ctx.lang), lambda: fn(ctx))

    return cached


def per_view(fn):
    """Reuse a presenter's result for the same dataset, filters and arguments (results are read-only)."""
    @functools.wraps(fn)
    def cached(ctx: ViewContext, *args, **kwargs):
        key = (fn.__module__, fn.__name__, ctx.filters, args, tuple(sorted(kwargs.items())))
        return _views.get(ctx.ds, key, lambda: fn(ctx, *args, **kwargs))

    return cached
