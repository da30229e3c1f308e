"""Fokusområden: the split by channel, grant and stream, by focus area, and per region."""

from components import blocks, shell
from components.navigation import by_url_path
from components.presenters import focus
from components.presenters.summary import filter_summary

ctx = shell.context()
blocks.page_title(by_url_path("fokusomraden").title(ctx.lang), ctx.tr("fo_intro"))
blocks.filter_summary(ctx, filter_summary(ctx))
view = focus.present(ctx)
for note in view.notes:
    blocks.caption(note)
blocks.show(ctx, view.tree)
blocks.show(ctx, view.shares)
blocks.show(ctx, view.regions)
