"""The one-line summary of the active filters shown above every page's charts."""

from __future__ import annotations

from funding.fmt import year_span

from .context import ViewContext


def filter_summary(ctx: ViewContext, series_only: bool = False) -> str:
    """One line naming the active filters. `series_only`: the page shows only time series (Över tid, Data),
    so an unset year or status filter means every year and status there, not the one-year views' default."""
    f, tr, lb = ctx.filters, ctx.tr, ctx.labels
    if f.years:
        years = year_span(f.years)
    elif series_only:
        years = tr("summary_default", value=tr("summary_all_years"))
    else:
        years = tr("summary_default", value=tr("summary_years_default", year=year_span(ctx.snapshot.years)))
    if f.region_codes:
        regions = ", ".join(lb.region_names.get(c, c) for c in f.region_codes) if len(f.region_codes) <= 3 \
            else tr("summary_regions", n=len(f.region_codes))
    else:
        regions = tr("summary_whole_country")
    if f.statuses:
        statuses = ", ".join(lb.status(s) for s in f.statuses)
    elif series_only:
        statuses = tr("summary_default", value=tr("summary_all_statuses"))
    else:
        statuses = tr("summary_default", value=tr("summary_status_default"))
    if f.grants:
        grants = ", ".join(lb.grant(g) for g in f.grants) if len(f.grants) <= 2 else tr("summary_grants",
                                                                                        n=len(f.grants))
    else:
        grants = tr("summary_all_grants")
    parts = [years, regions, statuses, grants]
    # The filters under "Fler filter", each by name: "1 fler filter" left the reader to open the panel to see
    # what narrows the view.
    named = {"levels": lb.level, "channels": lb.channel, "streams": lb.stream,
             "focus": lambda code: lb.focus.get(code, code)}
    for name, label in named.items():
        chosen = getattr(f, name)
        if chosen:
            values = ", ".join(label(c) for c in chosen) if len(chosen) <= 2 else tr("summary_n_chosen",
                                                                                    n=len(chosen))
            parts.append(tr(f"summary_{name}", values=values))
    return f"{tr('summary_label')}: " + " · ".join(parts)
