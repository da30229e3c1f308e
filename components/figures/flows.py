"""Where the money flows: the money trail (Sankey), the change between two years (waterfall), the split (treemap)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from funding.text import t
from funding.text.escape import plot_escape
from funding.text.labels import Labels

from .style import PALETTE, STATUS_STYLE, colour, layout, short_mn, wrap

KIND_COLOUR = {"budget": "#4D4D4D", "grant": PALETTE[0], "channel": PALETTE[2], "level": PALETTE[1],
               "region": PALETTE[3]}


_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ")
# Where Swedish compounds commonly join: after a linking -s- or -o- ("Myndighets|gemensam", "Folkhälso|myndigheten",
# "Utvecklings|insatser").
_JOINTS = ("ings", "hets", "tions", "skaps", "doms", "döms", "hälso", "ets", "tts")
# Letter pairs that are one sound and are never split ("sjuk", "psyk…" is not one, "ng" is).
_DIGRAPHS = ("sj", "sk", "st", "tj", "kj", "ng", "ck", "ch")


def _hyphenated(word: str, width: int) -> str:
    """A word far longer than `width` broken with a hyphen, so that wrapping can keep it near the width: on a phone
    "Samsjuklighetsreformen" (22 characters) ran into the recipients' names beside it. A few characters over
    are left whole ("suicidprevention", "Primärvårdens" fit beside their neighbours). The break is at a dash in
    the word, else after a compound's linking -s- or -o- ("Myndighets-gemensam", "Folkhälso-myndigheten"), else
    between syllables, before the last consonant of a cluster ("Samsjuklig-hetsreformen"), else at the width.
    No dictionary: a rare word can break oddly, never inside escaped text ("&amp;")."""
    if len(word) <= width + 5 or "&" in word:
        return word
    dash = max(word.rfind("–", 0, width), word.rfind("-", 0, width))
    if dash > 2:
        return f"{word[:dash + 1]} {_hyphenated(word[dash + 1:], width)}"

    def joint(k: int) -> bool:
        return word[:k].lower().endswith(_JOINTS) and word[k].isalpha()

    def syllable(k: int) -> bool:
        return (word[k - 1] in _CONSONANTS and word[k] in _CONSONANTS and k + 1 < len(word)
                and word[k + 1].isalpha() and word[k + 1] not in _CONSONANTS
                and word[k:k + 2].lower() not in _DIGRAPHS and word[k - 1:k + 1].lower() not in _DIGRAPHS)

    # A joint may take the whole width (its hyphen one over): "institutions-styrelse" reads better cut there.
    cut = (next((k for k in range(width, 3, -1) if joint(k)), None)
           or next((k for k in range(width - 1, 3, -1) if syllable(k)), None) or width - 1)
    return f"{word[:cut]}- {_hyphenated(word[cut:], width)}"


def _lines(text: str, width: int, most: int) -> str:
    """`text` wrapped at `width` characters, in at most `most` lines (the last one cut with an ellipsis)."""
    lines = wrap(" ".join(_hyphenated(w, width) for w in text.split(" ")), width).split("<br>")
    if len(lines) <= most:
        return "<br>".join(lines)
    # The ellipsis after the last whole word kept: cut inside a word ("tillgänglig…") it read as another word.
    return "<br>".join(lines[:most - 1]) + "<br>" + lines[most - 1].rstrip(" ,;:") + "…"


def sankey(links: pd.DataFrame, node_names: dict[tuple[str, str], str], link_hover: list[str],
           labels: Labels, compact: bool = False) -> go.Figure:
    """The money trail: one node per (kind, key), links as thick as their kronor, each hover with its sources.
    `compact`: the three columns of a narrow window's trail (funding.analysis.trail), with names in narrower lines."""
    nodes = list(dict.fromkeys([*zip(links["source_kind"], links["source"], strict=True),
                                *zip(links["target_kind"], links["target"], strict=True)]))
    index = {n: i for i, n in enumerate(nodes)}
    inflow: dict[tuple[str, str], int] = {}
    outflow: dict[tuple[str, str], int] = {}
    for r in links.itertuples():
        inflow[(r.target_kind, r.target)] = inflow.get((r.target_kind, r.target), 0) + int(r.amount_sek)
        outflow[(r.source_kind, r.source)] = outflow.get((r.source_kind, r.source), 0) + int(r.amount_sek)
    # A node's kronor: what reaches it, or for the first column what leaves it. Written on the node, since a
    # touch screen has no hover.
    totals = {n: max(inflow.get(n, 0), outflow.get(n, 0)) for n in nodes}
    whole = int(links.loc[links["source_kind"] == "budget", "amount_sek"].sum())
    # On a narrow window's three columns the grants' names and the recipients' (written left of their nodes) share
    # the 170 px between the last two columns on a phone: 12 characters at 10 px leave a gap where 15 at 11 px
    # overlapped. Wider, a grant's name has the 230 px to the channels (a 1 100 px window) and is cut at two lines
    # (wrapped at 15 the longest took nine and ran off the top; three and four lines of two small grants ran into
    # each other). Channels and recipients have their kronor on their name's last line, one line less where two
    # small ones sit close (2023: "Civilsamhället 70,0" above the counties' 81,4). The hovers and the table have
    # every name whole.
    size = 10 if compact else 11
    full = {n: plot_escape(node_names.get(n, n[1])) for n in nodes}

    def name(node: tuple[str, str]) -> str:
        amount = short_mn(totals[node], labels)
        text = full[node]
        if node[0] in ("budget", "grant"):
            # A grant with a fifth of the year or more has a node tall enough for four lines beside it: on a
            # phone two lines left "Överenskommelse om psykisk…" of 1 320 mnkr.
            most = 4 if compact and totals[node] >= 0.2 * whole else 2
            width = 12 if compact else 28
            lines = _lines(text, width, most).split("<br>")
            # On a phone a small grant's kronor go on its last line where they fit: 2027 with a region, the
            # three lines of "Kortare köer till… 100" reached "Nationella suicidutredningar… 39,0" above it.
            if compact and len(lines[-1]) + 1 + len(amount) <= width:
                return "<br>".join([*lines[:-1], f"{lines[-1]} {amount}"])
            return "<br>".join([*lines, amount])
        # The kronor are never cut off with the name: on the last line if they fit there (wide, two characters
        # over the width are fine; on a phone "Kommunerna 250" on one line reached the grants' names), else on a
        # line of their own.
        # A recipient (level) at 20: "County-joint (region and municipalities) 81.4" in four lines at 15 reached
        # "Civil society 70.0" above it (2023); a window of 1 100 px has the room.
        width = 12 if compact else 20 if node[0] == "level" else 15
        lines = _lines(text, width, 3).split("<br>")
        if len(lines[-1]) + 1 + len(amount) <= width + (0 if compact else 2):
            return "<br>".join([*lines[:-1], f"{lines[-1]} {amount}"])
        return "<br>".join([*lines, amount])

    names = [name(n) for n in nodes]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        # pad 30: two small nodes stacked (SKR 29 and the agencies' 10 mnkr) are a few pixels high, and with
        # less room between them their two-line labels overlapped (at 26 by 2 px).
        node={"label": names, "pad": 30, "thickness": 14, "line": {"color": "#FFFFFF", "width": 0.5},
              "color": [KIND_COLOUR.get(n[0], "#777777") for n in nodes],
              # The hover names the node in full: its label may be cut with an ellipsis.
              "customdata": [[full[n], labels.money(totals[n])] for n in nodes],
              "hovertemplate": "%{customdata[0]}<br>%{customdata[1]}<extra></extra>"},
        link={"source": [index[(k, s)] for k, s in zip(links["source_kind"], links["source"], strict=True)],
              "target": [index[(k, s)] for k, s in zip(links["target_kind"], links["target"], strict=True)],
              "value": (links["amount_sek"] / 1e6).tolist(), "customdata": link_hover,
              "hovertemplate": "%{customdata}<extra></extra>", "color": "rgba(0,114,178,0.25)"},
        valueformat=",.1f", valuesuffix=" " + t("msek", labels.lang), textfont={"color": "#1a1a1a", "size": size},
    ))
    height = max(440, 40 * max(links["target"].nunique(), 1) + 180)
    # A label centred on the bottom node reaches below it: room so that its amount is not cut off.
    return layout(fig, labels, min(height, 800), legend=False, margin={"b": 24})


def waterfall(changes: pd.DataFrame, first: int, second: int, first_total: int, second_total: int,
              kind_words: dict[str, str], labels: Labels) -> go.Figure:
    """From one year's total to the next, grant by grant: the bars in between add up to the difference."""
    # Two short lines per grant at most (the hover and the table carry the whole name): long names wrapped
    # into four lines ran into each other.
    names = [_lines(f"{kind_words[k].capitalize()}: {plot_escape(labels.grant(g))}", 26, 2)
             for g, k in zip(changes["grant_id"], changes["kind"], strict=True)]
    x = [first_total / 1e6, *(changes["change"] / 1e6).tolist(), second_total / 1e6]
    y = [str(first), *names, str(second)]
    text = [short_mn(first_total, labels), *[short_mn(c, labels, sign=True) for c in changes["change"]],
            short_mn(second_total, labels)]
    hover = [f"{first}: {labels.money(first_total)}",
             *[f"{plot_escape(labels.grant(g))}<br>{first}: {labels.money(a)} → {second}: {labels.money(b)}<br>"
               f"{t('change', labels.lang)}: {('+' if c > 0 else '') + labels.money(c)}"
               for g, a, b, c in zip(changes["grant_id"], changes["first"], changes["second"], changes["change"],
                                     strict=True)],
             f"{second}: {labels.money(second_total)}"]
    fig = go.Figure(go.Waterfall(
        orientation="h", measure=["absolute", *["relative"] * len(changes), "total"], x=x, y=y, text=text,
        textposition="outside", cliponaxis=False, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        increasing={"marker": {"color": PALETTE[0]}}, decreasing={"marker": {"color": PALETTE[5]}},
        totals={"marker": {"color": "#4D4D4D"}}, connector={"line": {"color": "#999999", "width": 1}},
    ))
    fig.update_yaxes(autorange="reversed", type="category", title_text="", automargin=True)
    running = [first_total, *(first_total + changes["change"].cumsum()).tolist(), second_total]
    low, high = min(0, *running) / 1e6, max(running) / 1e6
    fig.update_xaxes(title_text=t("msek", labels.lang), range=[low * 1.15, high * 1.25 or 1])
    # Room on the right for the outside label of the longest bar ("+1 500"), which a phone's width cut off.
    return layout(fig, labels, max(320, 46 * (len(changes) + 2) + 120), legend=False, margin={"r": 56})


def treemap(frame: pd.DataFrame, labels: Labels, grant_order: list[str]) -> go.Figure:
    """Channel > grant > stream (with status) as nested boxes sized by kronor."""
    ids, names, parents, values, colours, shapes, texts = [], [], [], [], [], [], []
    whole = frame["amount_sek"].sum()

    def add(node: str, label: str, parent: str, amount: int, fill: str, shape: str) -> None:
        ids.append(node)
        # Plotly never wraps a box's label: a narrow stream box's label was hidden (or once, 4 px small).
        # Channel and grant labels stay on one line, the height of their header band.
        names.append(wrap(label, 18) if node.startswith("s:") else label)
        parents.append(parent)
        values.append(int(amount))
        colours.append(fill)
        shapes.append(shape)
        texts.append(f"{labels.mn(amount)} · {labels.percent(amount / whole if whole else None)}")

    for channel, ch_rows in frame.groupby("channel", sort=True):
        add(f"c:{channel}", plot_escape(labels.channel(str(channel))), "", ch_rows["amount_sek"].sum(), "#4D4D4D", "")
        for grant_id, g_rows in ch_rows.groupby("grant_id", sort=True):
            gi = grant_order.index(grant_id) if grant_id in grant_order else 0
            # Ids carry the whole path: a grant paid through two channels (eating disorders: agency and
            # Socialstyrelsen) under one id made Plotly draw an empty box.
            grant_node = f"g:{channel}:{grant_id}"
            add(grant_node, plot_escape(labels.grant(grant_id)), f"c:{channel}", g_rows["amount_sek"].sum(),
                colour(gi), "")
            streams = g_rows.groupby(["stream_id", "status"], sort=False)["amount_sek"].sum().reset_index()
            for row in streams.itertuples():
                label = plot_escape(labels.streams_plain.get(row.stream_id, row.stream_id))
                if row.status != "decided":
                    label = f"{label} ({labels.status(row.status)})"
                add(f"s:{channel}:{grant_id}:{row.stream_id}:{row.status}", label, grant_node, row.amount_sek,
                    colour(gi), STATUS_STYLE[row.status]["shape"])
    fig = go.Figure(go.Treemap(
        ids=ids, labels=names, parents=parents, values=values, branchvalues="total",
        # Treemaps draw a pattern over its own background colour, so each box gets its colour as background.
        marker={"colors": colours, "line": {"color": "#FFFFFF", "width": 2},
                "pattern": {"shape": shapes, "bgcolor": colours, "size": 8,
                            "solidity": [0.15 if sh == "." else 0.3 for sh in shapes],
                            "fgcolor": ["#1A1A1A" if sh == "." else "#FFFFFF" for sh in shapes]}},
        customdata=texts, texttemplate="%{label}<br>%{customdata}", hovertemplate="%{label}<br>%{customdata}"
        "<extra></extra>", maxdepth=3, tiling={"pad": 2}, root={"color": "#FFFFFF"},
        insidetextfont={"color": "#FFFFFF"}, outsidetextfont={"color": "#000000"}, pathbar={"visible": False},
    ))
    # Boxes too small for a readable label show none (hover and the table have it) instead of 4-pixel text.
    return layout(fig, labels, 520, legend=False, uniformtext={"minsize": 11, "mode": "hide"})
