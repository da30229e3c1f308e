"""Fokusområden: the split by channel, grant and stream; focus areas per region; shares per focus area."""

from components import blocks, present, state
from components.navigation import by_url_path

ctx = state.context()
blocks.page_title(by_url_path("fokusomraden").title(ctx.lang), ctx.tr("fo_intro"))
blocks.show(ctx, present.focus_tree(ctx))
blocks.show(ctx, present.focus_shares(ctx))
blocks.show(ctx, present.focus_regions(ctx))
