"""The map of the regions: kronor per inhabitant, drawn from the local outlines on a blank map style.

A tile map with no tiles ("white-bg"): Plotly's projected geo maps fetch their base outlines from a CDN, which
a closed network (and the no-third-party rule) forbids. The zoom shows all of Sweden in a 240 × 480 px box, and
the colour bar lies under the map, so a phone or a narrow column never clips a region. The colour scale starts
at zero, so a pale region really gets little; when every region has the same value the map has one colour.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from funding import paths
from funding.text import t
from funding.text.labels import Labels

from .style import layout

# Sequential and colour-blind safe; light = few kronor per inhabitant, dark = many.
SEQUENTIAL = "cividis_r"
EQUAL = "#4D7AA8"
NO_DATA = "#E8E8E8"
# Sweden spans about 11-24 degrees east and 55-69 north: at this zoom about 200 x 470 px on the screen.
CENTRE_ZOOM = 3.35


@lru_cache(maxsize=1)
def _geojson_text() -> str:
    # Read once per process; parsed afresh per figure so no caller can change the shared copy.
    return (paths.geo_dir() / "swedish_regions.geojson").read_text(encoding="utf-8")


def geojson() -> dict:
    return json.loads(_geojson_text())


def _outlines(geo: dict, ids) -> dict:
    """Only the features a trace draws: every trace carries its own GeoJSON to the browser."""
    wanted = {int(i) for i in ids}
    return {**geo, "features": [ft for ft in geo["features"] if int(ft["properties"]["l_id"]) in wanted]}


def _trace(geo: dict, ids, z, colorscale, hover, *, line: dict, showscale: bool = False,
           **extra) -> go.Choroplethmap:
    return go.Choroplethmap(geojson=_outlines(geo, ids), featureidkey="properties.l_id", locations=list(ids),
                            z=list(z), colorscale=colorscale, showscale=showscale, marker={"line": line},
                            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", **extra)


def region_map(table: pd.DataFrame, labels: Labels, hover: list[str], highlight: tuple[str, ...],
               all_equal: bool) -> go.Figure:
    """Choropleth of kronor per inhabitant; regions without data grey, chosen regions with a black outline."""
    geo = geojson()
    fig = go.Figure()
    ids = table["region_code"].astype(int).to_numpy()
    with_data = table["has_data"].to_numpy()
    hover_arr = pd.Series(hover, index=table.index)
    white = {"color": "#FFFFFF", "width": 1}
    if (~with_data).any():
        fig.add_trace(_trace(geo, ids[~with_data], [0] * int((~with_data).sum()), [[0, NO_DATA], [1, NO_DATA]],
                             hover_arr[~with_data].tolist(), line=white))
    if with_data.any():
        values = table.loc[with_data, "sek_per_capita"].astype(float)
        if all_equal:
            fig.add_trace(_trace(geo, ids[with_data], values.to_numpy(), [[0, EQUAL], [1, EQUAL]],
                                 hover_arr[with_data].tolist(), line=white))
        else:
            fig.add_trace(_trace(geo, ids[with_data], values.to_numpy(), SEQUENTIAL, hover_arr[with_data].tolist(),
                                 line=white, showscale=True, zmin=0, zmax=float(values.max()),
                                 colorbar={"title": {"text": t("sek_per_inh", labels.lang), "side": "top"},
                                           "orientation": "h", "thickness": 12, "len": 0.9, "y": -0.02,
                                           "yanchor": "top", "x": 0.5, "xanchor": "center"}))
    chosen = table["region_code"].isin(highlight).to_numpy()
    if chosen.any():
        clear = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]
        fig.add_trace(_trace(geo, ids[chosen], [0] * int(chosen.sum()), clear, hover_arr[chosen].tolist(),
                             line={"color": "#000000", "width": 3}))
    fig.update_layout(map={"style": "white-bg", "center": {"lat": 62.3, "lon": 17.4}, "zoom": CENTRE_ZOOM})
    return layout(fig, labels, 620, legend=False, margin={"l": 0, "r": 0, "b": 70})
