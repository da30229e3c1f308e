"""Översikt: headline figures, totals per year by grant and channel, and the largest changes 2025-2026."""

from components import blocks, present, state

ctx = state.context()
blocks.page_title(ctx.tr("app_title"), ctx.tr("app_caption"))
blocks.caption(ctx.tr("ov_intro"))
_, items = present.headline(ctx)
blocks.metrics_row(items, columns=3)
blocks.show(ctx, present.overview_totals(ctx))
blocks.show(ctx, present.overview_changes(ctx))
